"""Attendance, certificate and report pages, asked by every kind of person.

Trainer pages: anonymous → sign-in; the session's trainers and campaign admins get in;
everyone else 404 (the page gives nothing away). The report follows the coordinator pages'
rules. A certificate downloads only for its owner (its Open Badge also for campaign admins);
its verification page and the Open Badges key set are public.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
from training import services
from training.models import Certificate, Enrollment, Session

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "registered", "trainer", "campaign_admin"]


@pytest.fixture
def setting(campaign_admin):
    start = timezone.now() - timedelta(minutes=5)
    session = SessionFactory(
        course__issues_certificates=True, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    trainer = UserFactory()
    session.trainers.add(trainer)
    enrollment = Enrollment.objects.create(
        user=UserFactory(), session=session, status="registered"
    )
    return {
        "session": session,
        "enrollment": enrollment,
        "people": {
            "anonymous": None,
            "outsider": UserFactory(),
            "registered": enrollment.user,
            "trainer": trainer,
            "campaign_admin": campaign_admin,
        },
    }


@pytest.mark.parametrize("role", ROLES)
def test_trainer_pages_answer_by_role(client, setting, role):
    session, enrollment = setting["session"], setting["enrollment"]
    user = setting["people"][role]
    if user is not None:
        client.force_login(user)
    pages = [
        ("get", reverse("training:attendance", args=[session.pk])),
        ("get", reverse("training:check-in-code", args=[session.pk])),
        ("get", reverse("training:sign-in-sheet", args=[session.pk])),
        (
            "post",
            reverse("training:attendance-mark", args=[session.pk, enrollment.pk, "attended"]),
        ),
    ]
    for method, url in pages:
        response = getattr(client, method)(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role in {"trainer", "campaign_admin"}:
            assert response.status_code in {200, 302}, (role, url)
        else:
            assert response.status_code == 404, (role, url)
    marked = Enrollment.objects.get(pk=enrollment.pk).status == "attended"
    assert marked == (role in {"trainer", "campaign_admin"})


@pytest.mark.parametrize("role", ROLES)
def test_a_certificate_downloads_only_for_its_owner_and_verifies_for_anyone(client, setting, role):
    enrollment = setting["enrollment"]
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    # The certificate comes once the session has ended.
    Session.objects.filter(pk=setting["session"].pk).update(ends_at=timezone.now())
    services.issue_due_certificates()
    certificate = Certificate.objects.get()
    user = setting["people"][role]
    if user is not None:
        client.force_login(user)
    download = client.get(reverse("certificates:download", args=[certificate.code]))
    expected = {"anonymous": 302, "registered": 200}.get(role, 404)
    assert download.status_code == expected
    badge = client.get(reverse("certificates:open-badge", args=[certificate.code]))
    expected = {"anonymous": 302, "registered": 200, "campaign_admin": 200}.get(role, 404)
    assert badge.status_code == expected
    assert client.get(reverse("open-badges-jwks")).status_code == 200
    assert client.get(certificate.get_absolute_url()).status_code == 200
    assert (
        client.get(reverse("certificates:verify-json", args=[certificate.code])).json()["status"]
        == "valid"
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("staff", 403),
        ("coordinator", 200),
        ("other_coordinator", 403),
        ("parent_coordinator", 200),
        ("campaign_admin", 200),
    ],
)
def test_the_report_answers_like_the_other_coordinator_pages(
    client, partners, sign_in_as, role, expected
):
    sign_in_as(role)
    for name in ["training:report", "training:report-csv", "training:report-evaluations"]:
        response = client.get(reverse(name, args=[partners.police.slug]))
        assert response.status_code == expected, (role, name)
