"""Reads of the admin's session page: one session's roster, and where a person may move."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from training.models import Enrollment, Session


@dataclass
class SessionRoster:
    """One session's people for the admin's session page: seats (whatever attendance says),
    the waitlist in the order it is served (each with `.position`), and cancellations."""

    seated: list[Enrollment]
    waiting: list[Enrollment]
    cancelled: list[Enrollment]


def session_roster(session: Session) -> SessionRoster:
    """In one query, whatever the number of people."""
    roster = SessionRoster([], [], [])
    enrollments = (
        Enrollment.objects.filter(session=session)
        .select_related("user", "organization", "enrolled_by")
        .order_by("queued_at", "pk")
    )
    for enrollment in enrollments:
        if enrollment.status == Enrollment.Status.WAITLISTED:
            roster.waiting.append(enrollment)
            enrollment.position = len(roster.waiting)
        elif enrollment.status == Enrollment.Status.CANCELLED:
            roster.cancelled.append(enrollment)
        else:
            roster.seated.append(enrollment)
    roster.seated.sort(key=lambda e: (e.user.name.lower(), e.user.email))
    return roster


def sessions_to_move_to(session: Session) -> QuerySet[Session]:
    """The other sessions of the course a person can still be moved into, soonest first."""
    return (
        Session.objects.filter(
            course_id=session.course_id,
            status=Session.Status.SCHEDULED,
            starts_at__gt=timezone.now(),
        )
        .exclude(pk=session.pk)
        .select_related("course")
        .order_by("starts_at", "pk")
    )
