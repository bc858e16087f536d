"""Enrolling staff from a CSV file: validate, preview each row's outcome, then commit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import MembershipFactory, SessionFactory, UserFactory
from training import services
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def upload(text: str, name="staff.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.fixture
def coordinator(client, partners):
    client.force_login(partners.city_coordinator)
    return partners.city_coordinator


def test_the_preview_says_what_each_row_will_do_and_changes_nothing(client, partners, coordinator):
    session = SessionFactory(capacity=2)
    first = MembershipFactory(organization=partners.police, user=UserFactory(email="a@x.org"))
    second = MembershipFactory(organization=partners.city, user=UserFactory(email="b@x.org"))
    third = MembershipFactory(organization=partners.city, user=UserFactory(email="c@x.org"))
    already = MembershipFactory(organization=partners.city, user=UserFactory(email="d@x.org"))
    services.enroll(user=already.user, session=session)
    MembershipFactory(organization=partners.other, user=UserFactory(email="e@x.org"))
    text = (
        "Email,Name\nA@x.org,Ann\nb@x.org,\nnot an email,\nd@x.org,\ne@x.org,\n"
        "nobody@x.org,\nb@x.org,\nc@x.org,\n"
    )
    url = reverse("training:bulk-import", args=[session.pk])
    response = client.post(url, {"file": upload(text)})
    outcomes = [(row.number, row.outcome) for row in response.context["preview"]]
    assert outcomes == [
        (2, "Will be registered."),
        (3, "Will join the waitlist."),
        (4, "Not an email address: skipped."),
        (5, "Already registered: skipped."),
        (6, "Not active staff of your organizations: skipped."),
        (7, "Not active staff of your organizations: skipped."),
        (8, "Listed twice: enrolled once."),
        (9, "Will join the waitlist."),
    ]
    assert response.context["chosen"] == 3
    assert Enrollment.objects.filter(session=session).count() == 1
    done = client.post(url, {"token": response.context["token"]})
    statuses = {o.member.email: o.outcome for o in done.context["outcomes"]}
    assert statuses == {"a@x.org": "registered", "b@x.org": "waitlisted", "c@x.org": "waitlisted"}
    assert {first.user, second.user, third.user} <= {
        e.user for e in Enrollment.objects.filter(session=session, enrolled_by=coordinator)
    }


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("name\nAnn\n", "utf-8", "needs a column named “email”"),
        ("email\n", "utf-8", "no rows below its first one"),
        ("email\nJosé@x.org\n", "latin-1", "not UTF-8 text"),
    ],
)
def test_a_file_the_portal_cannot_use_is_refused_with_the_reason(
    client, coordinator, content, encoding, message
):
    session = SessionFactory()
    url = reverse("training:bulk-import", args=[session.pk])
    response = client.post(url, {"file": upload(content, encoding=encoding)})
    assert message in response.content.decode()
    assert "preview" not in response.context


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("email\n<script>alert(1)</script>@x.org\n", "staff.csv", "web page code"),
        ("email\nann@x.org\n", "staff.txt", "name it .csv"),
        ("email\nann\x00@x.org\n", "staff.csv", "not a text file"),
        ("%PDF-1.4 email\n", "staff.csv", "PDF files are not accepted here"),
    ],
)
def test_the_file_goes_through_the_one_upload_check(client, coordinator, content, name, message):
    session = SessionFactory()
    url = reverse("training:bulk-import", args=[session.pk])
    response = client.post(url, {"file": upload(content, name=name)})
    assert message in response.content.decode()
    assert "preview" not in response.context


def test_a_forged_or_stale_token_enrolls_nobody(client, partners, coordinator):
    session = SessionFactory()
    url = reverse("training:bulk-import", args=[session.pk])
    response = client.post(url, {"token": "forged"}, follow=True)
    assert "upload the file again" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_only_coordinators_import(client, partners):
    url = reverse("training:bulk-import", args=[SessionFactory().pk])
    assert client.get(url).status_code == 302
    client.force_login(partners.police_staff)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload("email\na@x.org\n")}).status_code == 403
    client.force_login(partners.police_coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("people", [2, 30])
def test_the_preview_reads_in_fixed_queries(
    client, partners, coordinator, django_assert_num_queries, people
):
    session = SessionFactory()
    emails = [
        MembershipFactory(organization=partners.police, user=UserFactory()).user.email
        for _ in range(people)
    ]
    url = reverse("training:bulk-import", args=[session.pk])
    file = upload("email\n" + "\n".join(emails) + "\n")
    with django_assert_num_queries(12):
        response = client.post(url, {"file": file})
    assert response.context["chosen"] == people
