"""Trainers' pages: attendance, the check-in code, the sign-in sheet, and check-in by QR
link or typed code."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import SessionFactory, UserFactory
from tests.training.sessions import live_session, seated
from training import checkin
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def test_the_qr_link_checks_a_signed_in_person_in(client):
    session = live_session()
    person = seated(session).user
    url = reverse("training:check-in", args=[session.pk, checkin.code_for(session).token])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(person)
    response = client.get(url)
    assert "You are checked in" in response.content.decode()
    assert Enrollment.objects.get(user=person).status == "attended"
    stale = reverse("training:check-in", args=[session.pk, "nonsense"])
    assert "not current" in client.get(stale).content.decode()
    assert client.get(reverse("training:check-in", args=[999999, "x"])).status_code == 404


def test_the_typed_code_form_shows_a_clear_error(client):
    client.force_login(UserFactory())
    response = client.post(reverse("training:check-in-code-form"), {"code": ""})
    assert "Type the code shown" in response.content.decode()
    response = client.post(reverse("training:check-in-code-form"), {"code": "ABC123"})
    assert "does not match" in response.content.decode()


def test_only_trainers_and_admins_see_the_attendance_pages(client, trainer, campaign_admin):
    session = live_session()
    session.trainers.add(trainer)
    seated(session)
    urls = [
        reverse("training:attendance", args=[session.pk]),
        reverse("training:check-in-code", args=[session.pk]),
        reverse("training:sign-in-sheet", args=[session.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 404
    for person in [trainer, campaign_admin]:
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 200
    assert client.get(reverse("training:attendance", args=[999999])).status_code == 404


def test_the_trainer_page_shows_the_current_code_and_qr(client, trainer):
    session = live_session()
    session.trainers.add(trainer)
    client.force_login(trainer)
    page = client.get(reverse("training:attendance", args=[session.pk])).content.decode()
    code = checkin.code_for(session)
    assert code.short_code in page and 'src="data:image/png;base64,' in page
    assert "check-in.js" in page
    data = client.get(reverse("training:check-in-code", args=[session.pk])).json()
    assert data["open"] and data["short_code"] == code.short_code
    assert code.token in data["url"] and data["qr"].startswith("data:image/png;base64,")


def test_the_trainer_page_says_when_the_code_changes_in_the_session_s_zone(client, trainer):
    """Written on the page itself (the script only takes over at its first refresh): 12-hour
    in English, 24-hour in Spanish."""
    session = live_session()
    session.trainers.add(trainer)
    client.force_login(trainer)
    url = reverse("training:attendance", args=[session.pk])
    english = client.get(url).content.decode()
    changes = checkin.code_for(session).expires_at.astimezone(session.zone)
    assert f"It changes next at {changes:%-I:%M %p}." in english
    spanish = client.get(f"/es{url}").content.decode()
    assert f"Cambia a las {changes:%H:%M}." in spanish


def test_the_code_endpoint_says_closed_outside_the_window(client, trainer):
    session = SessionFactory()
    session.trainers.add(trainer)
    client.force_login(trainer)
    assert client.get(reverse("training:check-in-code", args=[session.pk])).json() == {
        "open": False
    }
    page = client.get(reverse("training:attendance", args=[session.pk])).content.decode()
    opens = (session.starts_at - timedelta(minutes=30)).astimezone(session.zone)
    assert f"Check-in opens {opens:%B %-d, %Y}" in page and opens.strftime("%Z") in page


def test_a_trainer_marks_attended_and_no_show(client, trainer):
    session = live_session()
    session.trainers.add(trainer)
    came, missed = seated(session), seated(session)
    client.force_login(trainer)
    client.post(reverse("training:attendance-mark", args=[session.pk, came.pk, "attended"]))
    response = client.post(
        reverse("training:attendance-mark", args=[session.pk, missed.pk, "no-show"]),
        {"page": "1"},
        follow=True,
    )
    assert "is marked a no-show" in response.content.decode()
    assert Enrollment.objects.get(pk=came.pk).status == "attended"
    assert Enrollment.objects.get(pk=missed.pk).status == "no_show"
    bad = reverse("training:attendance-mark", args=[session.pk, came.pk, "maybe"])
    assert client.post(bad).status_code == 404
    elsewhere = seated(live_session())
    wrong = reverse("training:attendance-mark", args=[session.pk, elsewhere.pk, "attended"])
    assert client.post(wrong).status_code == 404
    assert (
        client.get(
            reverse("training:attendance-mark", args=[session.pk, came.pk, "attended"])
        ).status_code
        == 405
    )


def test_the_sign_in_sheet_lists_everyone_registered(client, trainer):
    session = live_session()
    session.trainers.add(trainer)
    people = [seated(session, UserFactory(name=f"Person {i}")).user for i in range(3)]
    client.force_login(trainer)
    page = client.get(reverse("training:sign-in-sheet", args=[session.pk])).content.decode()
    assert all(person.name in page for person in people)


@pytest.mark.parametrize("count", [2, 40])
def test_attendance_and_teaching_pages_run_a_fixed_number_of_queries(
    client, trainer, django_assert_num_queries, count
):
    session = live_session()
    session.trainers.add(trainer)
    for _ in range(count):
        seated(session)
        SessionFactory().trainers.add(trainer)
    client.force_login(trainer)
    with django_assert_num_queries(6):
        assert client.get(reverse("training:attendance", args=[session.pk])).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(reverse("training:sign-in-sheet", args=[session.pk])).status_code == 200
    with django_assert_num_queries(4):
        response = client.get(reverse("training:teaching"))
    assert response.status_code == 200
    assert len(response.context["sessions"]) == min(count + 1, 20)
