"""Attendance: rotating check-in codes, marking, self check-in, the trainer's pages."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
from training import checkin, services
from training.models import Certificate, Enrollment, Session

pytestmark = pytest.mark.django_db


def live_session(**kwargs):
    """A session that started ten minutes ago and runs for another fifty."""
    start = timezone.now() - timedelta(minutes=10)
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def ended_session(**kwargs):
    """A session that ended ten minutes ago, after an hour."""
    start = timezone.now() - timedelta(minutes=70)
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def end(session) -> None:
    """The session runs its course: it ended a minute ago."""
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=61),
        ends_at=timezone.now() - timedelta(minutes=1),
    )


def seated(session, user=None) -> Enrollment:
    """A registered seat, made before the session started (enroll refuses after)."""
    user = user or UserFactory()
    return Enrollment.objects.create(
        user=user, session=session, status="registered", registered_at=timezone.now()
    )


@pytest.fixture
def trainer():
    return UserFactory(name="Pat Trainer")


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


# --- Pages ----------------------------------------------------------------------------------


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
    with django_assert_num_queries(9):
        assert client.get(reverse("training:attendance", args=[session.pk])).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(reverse("training:sign-in-sheet", args=[session.pk])).status_code == 200
    with django_assert_num_queries(7):
        response = client.get(reverse("training:teaching"))
    assert response.status_code == 200
    assert len(response.context["sessions"]) == min(count + 1, 20)
