"""Attendance: rotating check-in codes, marking, self check-in and certificates it settles."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
from tests.training.sessions import end, ended_session, live_session, seated
from training import checkin, services
from training.models import Certificate, Enrollment, Session

pytestmark = pytest.mark.django_db


# --- Codes ----------------------------------------------------------------------------------


def test_codes_rotate_with_the_time_bucket_and_the_previous_one_still_counts(settings):
    settings.TRAINING_CHECK_IN_MINUTES = 5
    session = live_session()
    now = timezone.now()
    current = checkin.code_for(session, now)
    later = checkin.code_for(session, now + timedelta(minutes=5))
    much_later = now + timedelta(minutes=11)
    assert current.token != later.token and current.short_code != later.short_code
    assert len(current.short_code) == 6 and current.short_code.isalnum()
    assert checkin.token_is_current(session, current.token, now)
    assert checkin.token_is_current(session, current.token, now + timedelta(minutes=5))
    assert not checkin.token_is_current(session, current.token, much_later)
    assert checkin.short_code_is_current(session, current.short_code.lower(), now)
    assert not checkin.short_code_is_current(session, "AAAAAA", now)


def test_codes_differ_between_sessions_and_depend_on_the_secret_key(settings):
    first, second = live_session(), live_session()
    now = timezone.now()
    assert checkin.code_for(first, now) != checkin.code_for(second, now)
    before = checkin.code_for(first, now)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert checkin.code_for(first, now).token != before.token


# --- Services -------------------------------------------------------------------------------


def test_marking_attended_after_the_end_issues_one_certificate_and_emails_it(
    trainer, django_capture_on_commit_callbacks
):
    session = ended_session(course__issues_certificates=True, course__duration_minutes=90)
    enrollment = seated(session)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
        services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    certificate = Certificate.objects.get()
    assert certificate.enrollment == enrollment
    assert str(certificate.hours) == "1.50"
    assert certificate.issued_on == session.local_start.date()
    assert len(mail.outbox) == 1 and certificate.code in mail.outbox[0].body
    enrollment.refresh_from_db()
    assert enrollment.status == "attended" and enrollment.attendance_marked_by == trainer


def test_a_course_without_certificates_records_attendance_only(trainer):
    enrollment = seated(live_session(course__issues_certificates=False))
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    assert not Certificate.objects.exists()


def test_correcting_attended_to_no_show_revokes_the_certificate(trainer):
    enrollment = seated(ended_session(course__issues_certificates=True))
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    services.mark_attendance(enrollment=enrollment, attended=False, marked_by=trainer)
    certificate = Certificate.objects.get()
    assert certificate.is_revoked and certificate.revoked_reason


def test_attendance_cannot_be_marked_before_check_in_opens_or_for_the_waitlist(trainer):
    future = SessionFactory()
    enrollment = services.enroll(user=UserFactory(), session=future)
    with pytest.raises(Exception, match="about to start"):
        services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    waiting = Enrollment.objects.create(
        user=UserFactory(), session=live_session(), status="waitlisted"
    )
    with pytest.raises(Exception, match="Only people registered"):
        services.mark_attendance(enrollment=waiting, attended=True, marked_by=trainer)
    assert Enrollment.objects.get(pk=waiting.pk).status == "waitlisted"


def test_check_in_needs_the_current_code_an_open_window_and_a_seat():
    session = live_session(course__issues_certificates=True)
    person = seated(session).user
    with pytest.raises(Exception, match="not current"):
        services.check_in(user=person, session=session, token="0" * 32)
    with pytest.raises(Exception, match="not registered"):
        services.check_in(
            user=UserFactory(), session=session, token=checkin.code_for(session).token
        )
    closed = SessionFactory()
    seated(closed, person)
    with pytest.raises(Exception, match="not open"):
        services.check_in(user=person, session=closed, token=checkin.code_for(closed).token)
    enrollment = services.check_in(
        user=person, session=session, token=checkin.code_for(session).token
    )
    assert enrollment.status == "attended" and enrollment.attendance_marked_by is None
    assert not Certificate.objects.filter(enrollment=enrollment).exists()


def test_check_in_by_typed_code_finds_the_session():
    session = live_session()
    other = live_session()
    person = seated(session).user
    seated(other, person)
    code = checkin.code_for(other).short_code
    enrollment = services.check_in_by_code(user=person, short_code=code.lower())
    assert enrollment.session == other and enrollment.status == "attended"
    with pytest.raises(Exception, match="does not match"):
        services.check_in_by_code(user=person, short_code="ZZZZZZ")


# --- Certificates once the session has ended ------------------------------------------------


def issue_due(django_capture_on_commit_callbacks) -> None:
    """The scheduled job, as cron runs it."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_reminders", stdout=io.StringIO())


def test_checking_in_records_attendance_but_no_certificate_before_the_end(
    trainer, django_capture_on_commit_callbacks
):
    """Someone who checks in and leaves has no certificate; attendance alone is recorded."""
    session = live_session(course__issues_certificates=True)
    person = seated(session).user
    token = checkin.code_for(session).token
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.check_in(user=person, session=session, token=token)
        services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    assert Enrollment.objects.get(pk=enrollment.pk).status == "attended"
    assert not Certificate.objects.exists() and not mail.outbox


def test_the_scheduled_job_issues_certificates_once_the_session_has_ended(
    trainer, django_capture_on_commit_callbacks
):
    session = live_session(course__issues_certificates=True)
    came = services.check_in(
        user=seated(session).user, session=session, token=checkin.code_for(session).token
    )
    left_early = seated(session)
    services.mark_attendance(enrollment=left_early, attended=True, marked_by=trainer)
    services.mark_attendance(enrollment=left_early, attended=False, marked_by=trainer)
    never_marked = seated(session)
    running = live_session(course__issues_certificates=True)
    still_running = services.mark_attendance(
        enrollment=seated(running), attended=True, marked_by=trainer
    )
    uncertified = ended_session(course__issues_certificates=False)
    no_certificate = seated(uncertified)
    Enrollment.objects.filter(pk=no_certificate.pk).update(status="attended")
    issue_due(django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()  # nothing has ended yet but the uncertified one

    end(session)
    issue_due(django_capture_on_commit_callbacks)
    issue_due(django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.enrollment == came and not certificate.is_revoked
    assert certificate.issued_on == Session.objects.get(pk=session.pk).local_start.date()
    assert [m.to for m in mail.outbox] == [[came.user.email]]
    for enrollment in [left_early, never_marked, still_running, no_certificate]:
        assert not Certificate.objects.filter(enrollment=enrollment).exists()


def test_my_trainings_never_calls_a_session_still_running_attended(client):
    session = live_session(course__issues_certificates=True)
    person = seated(session).user
    services.check_in(user=person, session=session, token=checkin.code_for(session).token)
    client.force_login(person)
    page = client.get(reverse("training:mine"))
    upcoming = page.context["upcoming"]
    assert [e.session for e in upcoming] == [session]
    text = page.content.decode()
    assert "Checked in" in text and "Attended" not in text
    assert "No certificates yet" in text


def test_the_session_page_says_checked_in_until_the_session_has_ended(client):
    session = live_session(course__issues_certificates=True)
    person = seated(session).user
    services.check_in(user=person, session=session, token=checkin.code_for(session).token)
    client.force_login(person)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "You are checked in." in page and "Attended." not in page
    end(session)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Attended." in page


def test_an_admin_can_make_a_correction_revocation_final(
    client, trainer, campaign_admin, django_capture_on_commit_callbacks
):
    """Revoking a certificate that an attendance correction revoked makes it the admin's
    revocation, which correcting attendance back no longer undoes."""
    enrollment = seated(ended_session(course__issues_certificates=True))
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    services.mark_attendance(enrollment=enrollment, attended=False, marked_by=trainer)
    certificate = Certificate.objects.get()
    client.force_login(campaign_admin)
    change = reverse("admin:training_certificate_change", args=[certificate.pk])
    assert "Revoke for good" in client.get(change).content.decode()
    revoke = reverse("admin:training_certificate_revoke", args=[certificate.pk])
    assert client.post(revoke, {"reason": "Not eligible."}).status_code == 302
    assert "Revoke" not in client.get(change).content.decode().split("Public page")[0]
    with pytest.raises(Exception, match="already revoked"):
        services.revoke_certificate(
            certificate=Certificate.objects.get(), revoked_by=campaign_admin, reason="Again."
        )
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    issue_due(django_capture_on_commit_callbacks)
    kept = Certificate.objects.get()
    assert kept.is_revoked and kept.revoked_reason == "Not eligible."
    assert kept.revocation == "admin" and kept.revoked_by == campaign_admin


def test_correcting_no_show_back_to_attended_restores_the_certificate(
    client, trainer, django_capture_on_commit_callbacks
):
    enrollment = seated(ended_session(course__issues_certificates=True))
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    services.mark_attendance(enrollment=enrollment, attended=False, marked_by=trainer)
    certificate = Certificate.objects.get()
    assert certificate.is_revoked
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    restored = Certificate.objects.get()
    assert restored.pk == certificate.pk and not restored.is_revoked
    assert restored.revoked_reason == "" and restored.revoked_by is None
    assert certificate.code in mail.outbox[-1].body
    client.force_login(enrollment.user)
    download = client.get(reverse("certificates:download", args=[restored.code]))
    assert download.status_code == 200


def test_a_certificate_revoked_by_an_admin_stays_revoked_whatever_attendance_says(
    trainer, campaign_admin, django_capture_on_commit_callbacks
):
    enrollment = seated(ended_session(course__issues_certificates=True))
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    certificate = services.revoke_certificate(
        certificate=Certificate.objects.get(), revoked_by=campaign_admin, reason="Fraud."
    )
    services.mark_attendance(enrollment=enrollment, attended=False, marked_by=trainer)
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    issue_due(django_capture_on_commit_callbacks)
    kept = Certificate.objects.get()
    assert kept.is_revoked and kept.revoked_reason == "Fraud."
    assert kept.revoked_by == campaign_admin and kept.revoked_at == certificate.revoked_at
