"""Sessions at a given point of their life, and seats in them, for the training tests."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
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
