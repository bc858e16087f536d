"""An admin running one session's roster: adding a person, moving a person to another
session of the course, promoting and reordering the waitlist, marking attendance.

Every write locks the session rows it changes (two sessions in the order of their ids, so
two moves in opposite directions cannot deadlock), re-checks after locking, keeps the seat
counts exact and records the change in the audit trail in the same transaction.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.models import User
from training.models import Enrollment, Session
from training.services import attendance
from training.services import enrollment as enrolling
from training.services.enrollment import _mail, _promote_waiting
from training.services.seat_counts import _recount_seats

Status = Enrollment.Status


def add_person(*, session: Session, user: User, added_by: User) -> Enrollment:
    """Enrolls the person as an admin (a seat while any is free, else the waitlist), with
    every rule of `enroll`; the person is emailed that they were enrolled for them."""
    with transaction.atomic():
        added = enrolling.enroll(user=user, session=session, enrolled_by=added_by)
        log_action(
            actor=added_by,
            action="training.enrollment.add",
            target=added,
            data={"status": added.status},
        )
    return added


def _lock_both(first_pk: int, second_pk: int) -> dict[int, Session]:
    locked = (
        Session.objects.select_for_update()
        .select_related("course")
        .filter(pk__in=[first_pk, second_pk])
        .order_by("pk")
    )
    return {session.pk: session for session in locked}


def move_enrollment(
    *, enrollment: Enrollment, to_session: Session, moved_by: User, reason: str = ""
) -> Enrollment:
    """Moves a registered or waitlisted person to another session of the same course.

    The waitlist rules hold: a free seat there registers them, a full session puts them at
    the end of its waitlist, and a seat they leave here goes to the first person waiting.
    Both session rows are locked, so a move into a full session and an enrollment arriving
    at the same moment never overfill it. Returns the new enrollment; the person is emailed.
    """
    with transaction.atomic():
        sessions = _lock_both(enrollment.session_id, to_session.pk)
        source, target = sessions[enrollment.session_id], sessions[to_session.pk]
        current = Enrollment.objects.select_related("user", "organization").get(pk=enrollment.pk)
        if current.status not in (Status.REGISTERED, Status.WAITLISTED):
            raise ValidationError(_("Only registered or waitlisted people can be moved."))
        if target.pk == source.pk or target.course_id != source.course_id:
            raise ValidationError(_("Choose another session of the same course."))
        if target.status != Session.Status.SCHEDULED or target.has_started:
            raise ValidationError(_("That session is not open: it started or was cancelled."))
        if target.enrollments.filter(user=current.user).exclude(status=Status.CANCELLED).exists():
            raise ValidationError(_("This person is already enrolled in that session."))
        now = timezone.now()
        freed_seat = current.status == Status.REGISTERED
        current.status, current.cancelled_at = Status.CANCELLED, now
        current.save(update_fields=["status", "cancelled_at"])
        has_seat = target.capacity is None or enrolling.registered_count(target) < target.capacity
        moved = Enrollment.objects.create(
            user=current.user,
            session=target,
            organization=current.organization,
            status=Status.REGISTERED if has_seat else Status.WAITLISTED,
            enrolled_by=moved_by,
            created_at=now,
            queued_at=now,
            registered_at=now if has_seat else None,
        )
        if freed_seat and not source.has_started:
            _promote_waiting(source, actor=moved_by)
        _recount_seats(source.pk)
        _recount_seats(target.pk)
        position = None if has_seat else enrolling.waitlist_position(moved)
        _mail(moved, "moved", from_session=source, position=position)
        log_action(
            actor=moved_by,
            action="training.enrollment.move",
            target=moved,
            reason=reason,
            data={"from_session": source.pk, "to_session": target.pk, "status": moved.status},
        )
    return moved


def _waitlist(session: Session) -> list[Enrollment]:
    return list(
        session.enrollments.filter(status=Status.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")
    )


def reorder_waitlist(
    *, enrollment: Enrollment, position: int, moved_by: User, reason: str
) -> Enrollment:
    """Puts a waitlisted person at `position` (1 is the first served) and keeps everyone
    else's order. The waitlist is served by arrival time, so the arrival times are handed
    out again in the new order. A reason is required and recorded."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for changing the order of the waitlist."))
    with transaction.atomic():
        session = enrolling._lock_session(enrollment.session)
        waiting = _waitlist(session)
        current = next((e for e in waiting if e.pk == enrollment.pk), None)
        if current is None:
            raise ValidationError(_("This person is no longer on the waitlist."))
        if not 1 <= position <= len(waiting):
            raise ValidationError(_("Choose a place between 1 and %(n)s.") % {"n": len(waiting)})
        old_position = waiting.index(current) + 1
        times = [e.queued_at for e in waiting]
        waiting.remove(current)
        waiting.insert(position - 1, current)
        previous = None
        for entry, moment in zip(waiting, times, strict=True):
            # Strictly increasing, so equal arrival times cannot undo the new order.
            if previous is not None and moment <= previous:
                moment = previous + timedelta(microseconds=1)
            entry.queued_at = previous = moment
        Enrollment.objects.bulk_update(waiting, ["queued_at"])
        log_action(
            actor=moved_by,
            action="training.waitlist.reorder",
            target=current,
            reason=reason.strip(),
            data={"from_position": old_position, "to_position": position},
        )
    return current


def promote_waitlisted(*, enrollment: Enrollment, promoted_by: User, reason: str) -> Enrollment:
    """Gives a waitlisted person a seat now, ahead of the queue. When the session is full its
    capacity grows by one for them (recorded with the reason), so no registered person
    loses a seat. The person is emailed as any promoted person is."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for promoting this person."))
    with transaction.atomic():
        session = enrolling._lock_session(enrollment.session)
        current = Enrollment.objects.select_related("user").get(pk=enrollment.pk)
        if current.status != Status.WAITLISTED or current.session_id != session.pk:
            raise ValidationError(_("This person is no longer on the waitlist."))
        if session.has_started or session.status != Session.Status.SCHEDULED:
            raise ValidationError(_("This session is not open: it started or was cancelled."))
        grown = session.capacity is not None and (
            enrolling.registered_count(session) >= session.capacity
        )
        if grown:
            session.capacity += 1
            session.save(update_fields=["capacity"])
        reorder_first = _waitlist(session)[0]
        if reorder_first.pk != current.pk:
            current.queued_at = reorder_first.queued_at - timedelta(microseconds=1)
            current.save(update_fields=["queued_at"])
        promoted = _promote_waiting(session, actor=promoted_by)
        _recount_seats(session.pk)
        log_action(
            actor=promoted_by,
            action="training.waitlist.promote",
            target=current,
            reason=reason.strip(),
            data={"capacity_raised_to": session.capacity if grown else None},
        )
    return next(e for e in promoted if e.pk == current.pk)


def mark_roster_attendance(*, session: Session, marks: dict[int, bool], marked_by: User) -> int:
    """Marks attended (True) or no-show (False) for the session's enrollments given by id,
    all or none: a refusal for one person changes nobody. Returns how many were marked."""
    with transaction.atomic():
        enrollments = session.enrollments.filter(pk__in=list(marks)).order_by("pk")
        count = 0
        for enrollment in enrollments:
            attendance.mark_attendance(
                enrollment=enrollment, attended=marks[enrollment.pk], marked_by=marked_by
            )
            count += 1
        log_action(
            actor=marked_by,
            action="training.session.attendance",
            target=session,
            data={
                "attended": sorted(pk for pk, mark in marks.items() if mark),
                "no_show": sorted(pk for pk, mark in marks.items() if not mark),
            },
        )
    return count
