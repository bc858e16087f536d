"""A session as a whole: cancelling it (by an admin, or by the scheduled job when it stays
below its minimum), duplicating it, and emailing everyone enrolled. Each locks the session
row and records the change in the audit trail in the same transaction."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.emails import absolute_url
from campaign.models import User
from training.models import Enrollment, Session
from training.services.enrollment import _lock_session, _mail
from training.services.seat_counts import _recount_seats

Status = Enrollment.Status
LIVE = (Status.REGISTERED, Status.WAITLISTED)
# Kept on the session when the job cancels it; the email explains it in each reader's language.
BELOW_MINIMUM = "Fewer people registered than the minimum by the decision date."


def next_session_of(session: Session) -> Session | None:
    """The next scheduled session of the same course that has not started: what a person
    whose session was cancelled is offered."""
    return (
        Session.objects.filter(
            course_id=session.course_id,
            status=Session.Status.SCHEDULED,
            starts_at__gt=max(session.starts_at, timezone.now()),
        )
        .exclude(pk=session.pk)
        .order_by("starts_at", "pk")
        .first()
    )


def cancel_session(*, session: Session, cancelled_by: User | None, reason: str = "") -> int:
    """Cancels the session and every live enrollment in it; emails each person, with the
    reason and the next session of the course when there is one. Returns how many people
    were emailed.

    `cancelled_by` None is the scheduled job. Locks the session row, so no enrollment
    slips in while it is cancelled.
    """
    with transaction.atomic():
        session = _lock_session(session)
        if session.status == Session.Status.CANCELLED:
            raise ValidationError(_("This session is already cancelled."))
        session.status = Session.Status.CANCELLED
        session.cancellation_reason = reason.strip()
        session.save(update_fields=["status", "cancellation_reason"])
        enrollments = list(session.enrollments.filter(status__in=LIVE).select_related("user"))
        now = timezone.now()
        next_session = next_session_of(session)
        context = {
            "reason": session.cancellation_reason,
            "below_minimum": session.cancellation_reason == BELOW_MINIMUM,
            "next_session": next_session,
            "next_session_url": (
                absolute_url(next_session.get_absolute_url()) if next_session else ""
            ),
        }
        for enrollment in enrollments:
            enrollment.status = Status.CANCELLED
            enrollment.cancelled_at = now
            enrollment.save(update_fields=["status", "cancelled_at"])
            enrollment.session = session
            _mail(enrollment, "session_cancelled", **context)
        _recount_seats(session.pk)
        log_action(
            actor=cancelled_by,
            action="training.session.cancel",
            target=session,
            reason=session.cancellation_reason,
            data={"people_emailed": len(enrollments)},
        )
    return len(enrollments)


def underfilled_sessions(now: datetime):
    """Scheduled sessions past their decision date, not started, below their minimum."""
    return Session.objects.filter(
        status=Session.Status.SCHEDULED,
        minimum_enrollment__isnull=False,
        decision_at__lte=now,
        starts_at__gt=now,
        registered_seats__lt=F("minimum_enrollment"),
    )


def cancel_underfilled_sessions(*, now: datetime | None = None) -> int:
    """Cancels each session still below its minimum at its decision date (emailing everyone
    and offering the next session of the course); returns how many were cancelled.

    Run by the scheduled job; idempotent. Each session is re-checked under its lock, so an
    enrollment that arrived meanwhile saves it.
    """
    now = now or timezone.now()
    cancelled = 0
    for candidate in list(underfilled_sessions(now).order_by("pk")):
        with transaction.atomic():
            _lock_session(candidate)
            if not underfilled_sessions(now).filter(pk=candidate.pk).exists():
                continue
            cancel_session(session=candidate, cancelled_by=None, reason=BELOW_MINIMUM)
            cancelled += 1
    return cancelled


COPIED = [
    "course",
    "time_zone",
    "online",
    "join_url",
    "venue_name",
    "venue_address",
    "capacity",
    "eligibility",
    "language",
    "minimum_enrollment",
]
SHIFTED = ["registration_opens_at", "registration_closes_at", "decision_at"]


def duplicate_session(*, session: Session, starts_at: datetime, duplicated_by: User) -> Session:
    """A new scheduled session like this one (place, capacity, eligibility, trainers, listed
    organizations) starting at `starts_at`, with its length and its registration and
    decision dates moved by the same shift; nobody is enrolled in it."""
    if starts_at <= timezone.now():
        raise ValidationError(_("The copy must start in the future."))
    with transaction.atomic():
        shift = starts_at - session.starts_at
        copy = Session(
            **{name: getattr(session, name) for name in COPIED},
            **{
                name: getattr(session, name) + shift
                for name in SHIFTED
                if getattr(session, name) is not None
            },
            starts_at=starts_at,
            ends_at=session.ends_at + shift,
        )
        copy.save()
        copy.trainers.set(session.trainers.all())
        copy.eligible_organizations.set(session.eligible_organizations.all())
        log_action(
            actor=duplicated_by,
            action="training.session.duplicate",
            target=copy,
            data={"copied_from": session.pk},
        )
    return copy


def email_enrolled(*, session: Session, subject: str, message: str, sent_by: User) -> int:
    """Emails everyone registered or waitlisted in the session (each in their own language
    around the admin's text); returns how many people were emailed."""
    subject, message = subject.strip(), message.strip()
    if not subject or not message:
        raise ValidationError(_("Write a subject and a message."))
    with transaction.atomic():
        session = _lock_session(session)
        enrollments = list(session.enrollments.filter(status__in=LIVE).select_related("user"))
        for enrollment in enrollments:
            enrollment.session = session
            _mail(enrollment, "session_message", subject=subject, message=message)
        log_action(
            actor=sent_by,
            action="training.session.email",
            target=session,
            data={"subject": subject, "people_emailed": len(enrollments)},
        )
    return len(enrollments)
