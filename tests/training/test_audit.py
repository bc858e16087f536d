"""Each training service records who did what to which record, and why, in the audit log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaign.models import AuditEntry
from tests.audit import logged
from tests.factories import (
    CourseFactory,
    OnDemandCourseFactory,
    QuestionFactory,
    SessionFactory,
    UserFactory,
)
from tests.training.sessions import end, live_session, seated
from training import services
from training.models import Certificate, Session

pytestmark = pytest.mark.django_db


def test_enrolling_cancelling_and_the_waitlist_promotion_are_logged(campaign_admin):
    session = SessionFactory(capacity=1)
    seated_person, waiting_person = UserFactory(), UserFactory()
    seat = services.enroll(user=seated_person, session=session, enrolled_by=campaign_admin)
    waiting = services.enroll(user=waiting_person, session=session)
    services.cancel_enrollment(enrollment=seat, cancelled_by=campaign_admin)
    assert logged(seat) == [
        ("training.enrollment.create", campaign_admin, ""),
        ("training.enrollment.cancel", campaign_admin, ""),
    ]
    assert logged(waiting) == [
        ("training.enrollment.create", waiting_person, ""),
        ("training.enrollment.promote", campaign_admin, ""),
    ]


def test_new_seats_filled_from_the_waitlist_are_logged_as_the_admins(campaign_admin):
    session = SessionFactory(capacity=1)
    services.enroll(user=UserFactory(), session=session)
    waiting = services.enroll(user=UserFactory(), session=session)
    Session.objects.filter(pk=session.pk).update(capacity=2)
    services.fill_open_seats(session=session, filled_by=campaign_admin)
    assert logged(waiting)[-1] == ("training.enrollment.promote", campaign_admin, "")


def test_cancelling_a_session_is_logged(campaign_admin):
    session = SessionFactory()
    services.cancel_session(session=session, cancelled_by=campaign_admin)
    assert logged(session) == [("training.session.cancel", campaign_admin, "")]


def test_attendance_and_the_certificate_it_settles_are_logged(trainer, campaign_admin):
    session = live_session(course=CourseFactory(issues_certificates=True))
    enrollment = seated(session)
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    end(session)
    assert services.issue_due_certificates() == 1
    certificate = Certificate.objects.get(enrollment=enrollment)
    services.mark_attendance(enrollment=enrollment, attended=False, marked_by=trainer)
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    services.revoke_certificate(certificate=certificate, revoked_by=campaign_admin, reason="Fraud")
    assert logged(enrollment) == [
        ("training.enrollment.attended", trainer, ""),
        ("training.enrollment.no_show", trainer, ""),
        ("training.enrollment.attended", trainer, ""),
    ]
    assert logged(certificate) == [
        ("training.certificate.issue", None, ""),
        ("training.certificate.revoke", trainer, "Attendance was corrected."),
        ("training.certificate.restore", trainer, ""),
        ("training.certificate.revoke", campaign_admin, "Fraud"),
    ]


def test_a_self_check_in_is_logged_as_the_persons_own():
    session = live_session()
    enrollment = seated(session)
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    (entry,) = AuditEntry.objects.filter(action="training.enrollment.attended")
    assert entry.actor == enrollment.user and entry.data == {"self_check_in": True}


def test_a_knowledge_check_is_logged_with_its_score():
    course = OnDemandCourseFactory(pass_mark=50)
    question = QuestionFactory(course=course)
    person = UserFactory()
    result = services.submit_knowledge_check(
        user=person, course=course, answers={question.pk: question.correct_choice}
    )
    (entry,) = AuditEntry.objects.filter(action="training.knowledge_check.submit")
    assert (entry.actor, entry.target_id) == (person, str(result.attempt.pk))
    assert entry.data == {"score": 100, "passed": True}


def test_training_requests_are_logged_when_submitted_accepted_and_declined(
    partners, campaign_admin
):
    course = CourseFactory()

    def ask():
        return services.submit_training_request(
            requested_by=partners.police_coordinator,
            organization=partners.police,
            course=course,
            audience="Patrol",
            expected_attendees=10,
            delivery="online",
            preferred_dates="March",
        )

    accepted, declined = ask(), ask()
    starts = timezone.now() + timedelta(days=9)
    session = services.accept_training_request(
        training_request=accepted,
        decided_by=campaign_admin,
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        time_zone="UTC",
    )
    services.decline_training_request(
        training_request=declined, decided_by=campaign_admin, reason="No trainer free."
    )
    assert logged(accepted) == [
        ("training.request.submit", partners.police_coordinator, ""),
        ("training.request.accept", campaign_admin, ""),
    ]
    assert AuditEntry.objects.get(action="training.request.accept").data == {"session": session.pk}
    assert logged(declined)[-1] == ("training.request.decline", campaign_admin, "No trainer free.")


def test_resetting_a_calendar_feed_and_repairing_seat_counts_are_logged():
    person = UserFactory()
    feed = services.reset_calendar_feed(user=person)
    assert logged(feed) == [("training.calendar_feed.reset", person, "")]
    session = SessionFactory()
    Session.objects.filter(pk=session.pk).update(registered_seats=5)
    assert services.resync_seat_counts() == 1
    entry = AuditEntry.objects.get(action="training.session.resync_seats")
    assert entry.actor is None and entry.data == {"sessions": [session.pk]}
