"""Campaign admins run trainings from the admin: lists with seat counts, roster, cancelling."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import CourseFactory, SessionFactory, UserFactory
from training import services
from training.models import Enrollment, Session

pytestmark = pytest.mark.django_db


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
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
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
            "starts_at_0": session.local_start.strftime("%Y-%m-%d"),
            "starts_at_1": session.local_start.strftime("%H:%M:%S"),
            "ends_at_0": session.local_end.strftime("%Y-%m-%d"),
            "ends_at_1": session.local_end.strftime("%H:%M:%S"),
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
    assert Session.objects.get(pk=session.pk).starts_at == session.starts_at.replace(microsecond=0)


# --- Times typed in the session's own zone --------------------------------------------------

WINTER_DAY, SUMMER_DAY = "2027-01-12", "2027-07-13"


def session_post_data(course, *, day, time_zone="America/Los_Angeles", prefix=""):
    """What the admin's session form sends: 09:00 to 10:30 on `day`, registration from
    08:00 two days before, as wall-clock times."""
    data = {
        "course": course.pk,
        "starts_at_0": day,
        "starts_at_1": "09:00:00",
        "ends_at_0": day,
        "ends_at_1": "10:30:00",
        "time_zone": time_zone,
        "online": "on",
        "join_url": "https://meet.example.org/room-1",
        "capacity": "20",
        "language": "en",
        "eligibility": "signed_in",
        "registration_opens_at_0": "2026-12-01",
        "registration_opens_at_1": "08:00:00",
    }
    return {f"{prefix}{key}": value for key, value in data.items()}


@pytest.mark.parametrize(
    ("day", "utc_start"),
    [
        (WINTER_DAY, datetime(2027, 1, 12, 17, 0, tzinfo=UTC)),
        (SUMMER_DAY, datetime(2027, 7, 13, 16, 0, tzinfo=UTC)),
    ],
)
def test_times_typed_on_the_session_page_are_read_in_the_sessions_zone(
    admin_client, day, utc_start
):
    """09:00 typed for a Los Angeles session is 09:00 in Los Angeles (17:00 UTC in winter,
    16:00 in summer), whatever the server's zone; the page shows it back as 09:00."""
    course = CourseFactory()
    data = {
        **session_post_data(course, day=day),
        "enrollments-TOTAL_FORMS": 0,
        "enrollments-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:training_session_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    session = Session.objects.get()
    assert session.starts_at == utc_start
    assert session.ends_at == utc_start + timedelta(minutes=90)
    assert session.registration_opens_at == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    page = admin_client.get(reverse("admin:training_session_change", args=[session.pk]))
    form = page.context["adminform"].form
    assert form["starts_at"].value() == datetime(*map(int, day.split("-")), 9, 0)
    html = page.content.decode()
    assert 'value="09:00:00"' in html and 'value="10:30:00"' in html
    assert "America/Los_Angeles" in form.fields["starts_at"].help_text


def test_saving_the_session_page_again_keeps_the_times(admin_client):
    """What the page shows is what it reads: saving the same wall-clock times again moves
    nothing, here for a zone a day ahead of the server's."""
    course = CourseFactory()
    admin_client.post(
        reverse("admin:training_session_add"),
        {
            **session_post_data(course, day=WINTER_DAY, time_zone="Asia/Tokyo"),
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        },
    )
    session = Session.objects.get()
    assert session.starts_at == datetime(2027, 1, 12, 0, 0, tzinfo=UTC)
    url = reverse("admin:training_session_change", args=[session.pk])
    admin_client.post(
        url,
        {
            **session_post_data(course, day=WINTER_DAY, time_zone="Asia/Tokyo"),
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        },
    )
    assert Session.objects.get().starts_at == datetime(2027, 1, 12, 0, 0, tzinfo=UTC)


def test_the_course_pages_session_rows_read_and_show_times_in_each_sessions_zone(admin_client):
    course = CourseFactory()
    existing = SessionFactory(
        course=course,
        starts_at=datetime(2027, 1, 5, 14, 0, tzinfo=UTC),  # 09:00 in New York
        ends_at=datetime(2027, 1, 5, 15, 0, tzinfo=UTC),
        time_zone="America/New_York",
    )
    url = reverse("admin:training_course_change", args=[course.pk])
    page = admin_client.get(url)
    inline = page.context["inline_admin_formsets"][1].formset
    assert inline.forms[0]["starts_at"].value() == datetime(2027, 1, 5, 9, 0)
    data = {
        "title_en": course.title,
        "slug": course.slug,
        "summary_en": course.summary,
        "format": course.format,
        "duration_minutes": 60,
        "published": "on",
        "pass_mark": 80,
        "questions-TOTAL_FORMS": 0,
        "questions-INITIAL_FORMS": 0,
        "sessions-TOTAL_FORMS": 2,
        "sessions-INITIAL_FORMS": 1,
        "sessions-0-id": existing.pk,
        "sessions-0-course": course.pk,
        "sessions-0-starts_at_0": "2027-01-05",
        "sessions-0-starts_at_1": "09:00:00",
        "sessions-0-ends_at_0": "2027-01-05",
        "sessions-0-ends_at_1": "10:00:00",
        "sessions-0-time_zone": "America/New_York",
        "sessions-0-online": "on",
        "sessions-0-capacity": "10",
        "sessions-0-language": "en",
        "sessions-0-eligibility": "signed_in",
        "sessions-1-course": course.pk,
        "sessions-1-starts_at_0": WINTER_DAY,
        "sessions-1-starts_at_1": "09:00:00",
        "sessions-1-ends_at_0": WINTER_DAY,
        "sessions-1-ends_at_1": "10:30:00",
        "sessions-1-time_zone": "America/Los_Angeles",
        "sessions-1-online": "on",
        "sessions-1-capacity": "",
        "sessions-1-language": "en",
        "sessions-1-eligibility": "signed_in",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    existing.refresh_from_db()
    assert existing.starts_at == datetime(2027, 1, 5, 14, 0, tzinfo=UTC)
    added = Session.objects.exclude(pk=existing.pk).get()
    assert added.starts_at == datetime(2027, 1, 12, 17, 0, tzinfo=UTC)
    assert added.local_start.strftime("%-I:%M %p %Z") == "9:00 AM PST"


def test_the_session_list_shows_times_in_each_sessions_zone(admin_client):
    SessionFactory(
        starts_at=datetime(2027, 1, 12, 17, 0, tzinfo=UTC),
        ends_at=datetime(2027, 1, 12, 18, 30, tzinfo=UTC),
        time_zone="America/Los_Angeles",
    )
    page = admin_client.get(reverse("admin:training_session_changelist")).content.decode()
    assert "Jan 12, 2027 9:00 AM PST" in page and "10:30 AM PST" in page


def test_an_unknown_zone_or_a_time_the_clocks_skip_is_a_form_error(admin_client):
    course = CourseFactory()
    url = reverse("admin:training_session_add")
    extra = {"enrollments-TOTAL_FORMS": 0, "enrollments-INITIAL_FORMS": 0}
    unknown = admin_client.post(
        url, {**session_post_data(course, day=WINTER_DAY, time_zone="Nowhere/Else"), **extra}
    )
    assert unknown.status_code == 200
    assert "time_zone" in unknown.context["adminform"].form.errors
    skipped = {**session_post_data(course, day="2027-03-14"), **extra, "starts_at_1": "02:30:00"}
    response = admin_client.post(url, skipped)
    assert response.status_code == 200
    assert "starts_at" in response.context["adminform"].form.errors
    assert not Session.objects.exists()
