"""The completions API: a token's organization's people's attended sessions and
certificates since a date, sub-organizations included, as JSON or CSV, a page at a time,
within a rate per token; anything else gets 401."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from partners import services
from partners.api_tokens import TokenUse
from tests.factories import MembershipFactory, attended, make_api_token
from training.models import Certificate

pytestmark = pytest.mark.django_db

URL = "/api/v1/completions"


@pytest.fixture
def feed(partners):
    """Two of the police department's completions with certificates (one revoked), one of
    the city's, one of the other partner's, and a token for the city and one for police."""
    officer = partners.police_staff
    first = attended(officer, days_ago=20)
    second = attended(officer, days_ago=5)
    certificate = Certificate.objects.get(enrollment=second)
    from training import services as training_services

    training_services.revoke_certificate(
        certificate=certificate, revoked_by=partners.city_coordinator, reason="Wrong person."
    )
    clerk = MembershipFactory(organization=partners.city).user
    city_completion = attended(clerk, days_ago=10)
    outsider = MembershipFactory(organization=partners.other).user
    attended(outsider, days_ago=10)
    _city_token, city_secret = make_api_token(partners.city, created_by=partners.city_coordinator)
    _police_token, police_secret = make_api_token(
        partners.police, created_by=partners.police_coordinator
    )
    _other_token, other_secret = make_api_token(
        partners.other, created_by=partners.other_coordinator
    )
    return {
        "first": first,
        "second": second,
        "city_completion": city_completion,
        "outsider": outsider,
        "city": city_secret,
        "police": police_secret,
        "other": other_secret,
    }


def since(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def ask(client, secret, query="", **headers):
    return client.get(f"{URL}?{query}", headers={"Authorization": f"Bearer {secret}", **headers})


def test_json_lists_the_organizations_and_its_sub_organizations_completions(client, feed):
    response = ask(client, feed["city"], f"since={since(30)}")
    assert response.status_code == 200
    body = response.json()
    assert body["page"] == 1 and body["next"] is None
    rows = body["results"]
    assert [row["course"] for row in rows] == [
        feed["first"].session.course.title,
        feed["city_completion"].session.course.title,
        feed["second"].session.course.title,
    ]
    first = rows[0]
    assert first["email"] == feed["first"].user.email
    assert first["organization"] == "Springfield Police"
    assert first["status"] == "attended"
    assert first["hours"] == 1.0
    code = Certificate.objects.get(enrollment=feed["first"]).code
    assert first["certificate"]["code"] == code
    assert first["certificate"]["verify_url"] == f"http://testserver/certificates/verify/{code}/"
    assert first["certificate"]["revoked"] is False
    assert rows[2]["certificate"]["revoked"] is True
    assert rows[2]["certificate"]["revoked_on"] == timezone.localdate().isoformat()
    assert feed["outsider"].email not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_since_leaves_out_earlier_sessions_and_a_sub_organization_sees_only_its_own(client, feed):
    body = ask(client, feed["police"], f"since={since(15)}").json()
    assert [row["email"] for row in body["results"]] == [feed["second"].user.email]
    everything = ask(client, feed["police"], f"since={since(365)}").json()
    emails = {row["email"] for row in everything["results"]}
    assert emails == {feed["first"].user.email}


def test_csv_by_parameter_or_accept_header_is_formula_safe(client, feed, partners):
    partners.police_staff.name = "=HYPERLINK(1)"
    partners.police_staff.save()
    for response in [
        ask(client, feed["city"], f"since={since(30)}&format=csv"),
        ask(client, feed["city"], f"since={since(30)}", Accept="text/csv"),
    ]:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0][:3] == ["name", "email", "organization"]
        assert len(rows) == 4
        assert rows[1][0] == "'=HYPERLINK(1)"
        assert rows[3][10] == "yes"


def test_pages_follow_the_next_link_with_a_fixed_size(client, feed, settings):
    settings.API_PAGE_SIZE = 2
    first = ask(client, feed["city"], f"since={since(30)}")
    body = first.json()
    assert len(body["results"]) == 2 and body["page_size"] == 2
    assert body["next"] == f"http://testserver{URL}?since={since(30)}&page=2"
    assert first["Link"] == f'<{body["next"]}>; rel="next"'
    second = ask(client, feed["city"], body["next"].split("?", 1)[1]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    csv_page = ask(client, feed["city"], f"since={since(30)}&format=csv")
    assert csv_page["Link"].endswith('format=csv>; rel="next"')
    beyond = ask(client, feed["city"], f"since={since(30)}&page=99").json()
    assert beyond["results"] == []


def test_an_on_demand_course_passed_is_a_completion_without_a_session(client, feed, partners):
    from tests.factories import OnDemandCourseFactory, QuestionFactory
    from training import services as training_services

    course = OnDemandCourseFactory(title="Routine Duties")
    question = QuestionFactory(course=course)
    training_services.submit_knowledge_check(
        user=partners.police_staff, course=course, answers={question.pk: question.correct_choice}
    )
    body = ask(client, feed["police"], f"since={since(1)}").json()
    passed = body["results"][-1]
    assert passed["course"] == "Routine Duties"
    assert passed["status"] == "passed_online"
    assert passed["session_date"] is None
    assert passed["hours"] == 1.5
    assert passed["certificate"]["code"] == Certificate.objects.get(course=course).code
    assert ask(client, feed["other"], f"since={since(1)}").json()["results"] == []
    table = ask(client, feed["police"], f"since={since(1)}&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(table.streaming_content).decode())))
    assert rows[-1][3:7] == ["Routine Duties", "", "1.5", "passed_online"]


def test_a_page_takes_the_same_queries_whatever_its_rows(
    client, feed, partners, django_assert_num_queries
):
    with django_assert_num_queries(9):
        small = ask(client, feed["police"], f"since={since(30)}")
    assert len(small.json()["results"]) == 2
    for days in range(6):
        attended(partners.police_staff, days_ago=days + 1)
    with django_assert_num_queries(9):
        large = ask(client, feed["police"], f"since={since(30)}")
    assert len(large.json()["results"]) == 8


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz", "Token bcp_abc"],
)
def test_a_missing_or_unknown_token_gets_401_in_json(client, feed, header):
    headers = {"Authorization": header} if header else {}
    response = client.get(f"{URL}?since={since(30)}", headers=headers)
    assert response.status_code == 401
    assert "token" in response.json()["detail"]
    assert not TokenUse.objects.exists()


def test_expired_and_revoked_tokens_get_401_and_a_session_is_no_credential(client, feed, partners):
    from partners.api_tokens import ApiToken
    from partners.queries import token_for_secret

    ApiToken.objects.filter(pk=token_for_secret(feed["police"]).pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert ask(client, feed["police"], f"since={since(30)}").status_code == 401
    services.revoke_api_token(
        token=token_for_secret(feed["city"]), revoked_by=partners.city_coordinator
    )
    assert ask(client, feed["city"], f"since={since(30)}").status_code == 401
    client.force_login(partners.city_coordinator)
    assert client.get(f"{URL}?since={since(30)}").status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        "",
        "since=2026-02-30",
        "since=yesterday",
        "since=2026-01-01&page=0",
        "since=2026-01-01&page=x",
        "since=2026-01-01&format=xml",
    ],
)
def test_bad_parameters_get_422_and_are_logged(client, feed, query):
    response = ask(client, feed["city"], query)
    assert response.status_code == 422
    assert "detail" in response.json()
    assert TokenUse.objects.get().status == 422


def test_every_use_is_logged_with_its_status_and_rows(client, feed):
    ask(client, feed["city"], f"since={since(30)}")
    ask(client, feed["city"], f"since={since(30)}&format=csv")
    uses = list(TokenUse.objects.order_by("pk").values_list("path", "status", "rows"))
    assert uses == [
        (f"{URL}?since={since(30)}", 200, 3),
        (f"{URL}?since={since(30)}&format=csv", 200, 3),
    ]


def test_over_the_rate_a_token_gets_429_with_retry_after(client, feed, settings):
    settings.API_RATE = "2/m"
    assert ask(client, feed["city"], f"since={since(30)}").status_code == 200
    assert ask(client, feed["city"], f"since={since(30)}").status_code == 200
    refused = ask(client, feed["city"], f"since={since(30)}")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "wait" in refused.json()["detail"]
    # Each token has its own count.
    assert ask(client, feed["police"], f"since={since(30)}").status_code == 200
    assert TokenUse.objects.filter(status=429, rows=0).count() == 1
    # A request with bad parameters counts too, and is refused before they are read.
    assert ask(client, feed["city"], "since=nonsense").status_code == 429


def test_the_openapi_schema_describes_the_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/completions"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"since", "page", "format"}
    assert set(operation["responses"]) >= {"200", "401", "429"}
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_documentation_page_is_public_and_in_spanish(client):
    english = client.get("/api/")
    assert english.status_code == 200
    assert b"curl -H" in english.content and b"/api/v1/openapi.json" in english.content
    spanish = client.get("/es/api/")
    assert spanish.status_code == 200
    assert "API de finalizaciones" in spanish.content.decode()
