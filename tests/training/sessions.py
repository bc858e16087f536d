"""Sessions at a given point of their life, and seats in them, for the training tests."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
from training import services
from training.models import Enrollment, Session


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


def attended_ended(session=None, user=None, **course) -> Enrollment:
    """A person marked attended (by the attendance service, so the certificate is settled
    as it would be) at a session that ended ten minutes ago, of a course with `course`'s
    fields (issues_certificates=True, requires_evaluation=True, ...)."""
    session = session or ended_session(**{f"course__{name}": v for name, v in course.items()})
    enrollment = seated(session, user)
    return services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)


RATINGS = {"relevant": 5, "recognize": 4, "report": 4, "trainer_clear": 5, "overall": 3}


def evaluate(enrollment: Enrollment, most_useful: str = "", to_improve: str = "", **ratings):
    """The attendee answers the evaluation (through the service): RATINGS, changed by
    `ratings`."""
    return services.submit_evaluation(
        enrollment=enrollment,
        submitted_by=enrollment.user,
        ratings={**RATINGS, **ratings},
        most_useful=most_useful,
        to_improve=to_improve,
    )
