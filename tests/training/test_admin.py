"""Campaign admins run trainings from the admin: lists with seat counts, roster, cancelling."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import SessionFactory, UserFactory
from training import services
from training.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, campaign_admin):
    client.force_login(campaign_admin)
    return client


def test_session_list_shows_seats_taken_and_waitlist(admin_client):
    session = SessionFactory(capacity=1)
    for _ in range(3):
        services.enroll(user=UserFactory(), session=session)
    response = admin_client.get(reverse("admin:training_session_changelist"))
    row = response.context["cl"].result_list[0]
    assert (row.registered, row.waitlisted) == (1, 2)
    for name in ["course", "enrollment"]:
        assert admin_client.get(reverse(f"admin:training_{name}_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:training_session_change", args=[session.pk])).status_code
        == 200
    )
    assert (
        admin_client.get(
            reverse("admin:training_course_change", args=[session.course.pk])
        ).status_code
        == 200
    )


def test_cancel_action_cancels_and_emails_everyone(
    admin_client, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    people = [services.enroll(user=UserFactory(), session=session).user for _ in range(2)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:training_session_changelist"),
            {"action": "cancel_sessions", "_selected_action": [session.pk]},
        )
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_roster_export(admin_client):
    session = SessionFactory(capacity=1)
    services.enroll(user=UserFactory(name="Seated Person"), session=session)
    services.enroll(user=UserFactory(name="Waiting Person"), session=session)
    response = admin_client.post(
        reverse("admin:training_session_changelist"),
        {"action": "export_roster", "_selected_action": [session.pk]},
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["Name"], r["Status"]) for r in rows] == [
        ("Seated Person", "Registered"),
        ("Waiting Person", "Waitlisted"),
    ]


def test_raising_capacity_in_the_admin_moves_the_waitlist_up(admin_client):
    session = SessionFactory(capacity=1)
    services.enroll(user=UserFactory(), session=session)
    waiting = services.enroll(user=UserFactory(), session=session)
    url = reverse("admin:training_session_change", args=[session.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "course": session.course.pk,
            "starts_at_0": session.starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": session.ends_at.strftime("%Y-%m-%d"),
            "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
            "capacity": 2,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        }
    )
    data.pop("registration_opens_at", None)
    data.pop("registration_closes_at", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Enrollment.objects.get(pk=waiting.pk).status == "registered"
