"""Attendance: marked by trainers and admins, or by self check-in; settles the
certificate of the enrollment, which is locked so each is decided once."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.models import User
from training import checkin
from training.models import (
    Certificate,
    Enrollment,
    Session,
)
from training.services import certificates
from training.services.enrollment import _lock_session, for_each_due
from training.services.seat_counts import _recount_seats

Status = Enrollment.Status

MARKABLE = (Status.REGISTERED, Status.ATTENDED, Status.NO_SHOW)


def _lock_enrollment(enrollment: Enrollment) -> Enrollment:
    return (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("session__course", "user")
        .get(pk=enrollment.pk)
    )


def mark_attendance(
    *, enrollment: Enrollment, attended: bool, marked_by: User | None
) -> Enrollment:
    """Marks a registered person attended or no-show (`marked_by` None: self check-in).

    Locks the enrollment row, so a trainer's mark, a self check-in and the scheduled job
    arriving together settle on one outcome and one certificate. Check-in records
    attendance only: a certificate is issued once the session has ended, here when the mark
    comes after the end, else by `issue_due_certificates`. Correcting attended to no-show
    revokes the certificate; correcting it back restores it (see `settle_certificate`).
    """
    with transaction.atomic():
        enrollment = _lock_enrollment(enrollment)
        session = enrollment.session
        if enrollment.status not in MARKABLE:
            raise ValidationError(_("Only people registered for the session can be marked."))
        if session.status == Session.Status.CANCELLED:
            raise ValidationError(_("This session was cancelled."))
        opens, _closes = checkin.window(session)
        if timezone.now() < opens:
            raise ValidationError(_("Attendance can be taken once the session is about to start."))
        new_status = Status.ATTENDED if attended else Status.NO_SHOW
        if enrollment.status != new_status:
            was_registered = enrollment.status == Status.REGISTERED
            enrollment.status = new_status
            enrollment.attendance_marked_at = timezone.now()
            enrollment.attendance_marked_by = marked_by
            enrollment.save(
                update_fields=["status", "attendance_marked_at", "attendance_marked_by"]
            )
            log_action(
                actor=marked_by or enrollment.user,
                action=f"training.enrollment.{'attended' if attended else 'no_show'}",
                target=enrollment,
                data={"self_check_in": marked_by is None},
            )
            if was_registered:
                # A seat no longer counted as registered; the session lock makes the count
                # exact when several people are marked at once.
                _lock_session(session)
                _recount_seats(session.pk)
        certificates.settle_certificate(enrollment, marked_by=marked_by, now=timezone.now())
    return enrollment


def issue_due_certificates(*, now: datetime | None = None) -> int:
    """Issues the certificate of each attendance that still stands once its session has
    ended (or restores one an attendance correction revoked); returns how many.

    Run by the scheduled job. Locks each enrollment, skipping rows another run or a
    trainer's mark holds (that one settles them), so overlapping runs never issue twice.
    """
    now = now or timezone.now()
    return for_each_due(
        Enrollment.objects.filter(
            status=Status.ATTENDED,
            session__ends_at__lte=now,
            session__course__issues_certificates=True,
        )
        .exclude(session__status=Session.Status.CANCELLED)
        # Held back until answered: submit_evaluation issues those.
        .exclude(session__course__requires_evaluation=True, evaluation__isnull=True)
        .filter(
            Q(certificate__isnull=True)
            | Q(certificate__revocation=Certificate.Revocation.ATTENDANCE)
        ),
        lambda enrollment: certificates.settle_certificate(enrollment, marked_by=None, now=now),
    )


def check_in(*, user: User, session: Session, token: str = "", short_code: str = "") -> Enrollment:
    """Marks a signed-in registered person attended from the QR link or the typed code.

    Checks that check-in is open and the code is the current one (or the one just before).
    """
    if not checkin.is_open(session):
        raise ValidationError(_("Check-in for this session is not open now."))
    valid = (token and checkin.token_is_current(session, token)) or (
        short_code and checkin.short_code_is_current(session, short_code)
    )
    if not valid:
        raise ValidationError(
            _("That check-in code is not current. Ask the trainer for the code on screen now.")
        )
    enrollment = (
        Enrollment.objects.filter(user=user, session=session, status__in=MARKABLE)
        .select_related("session__course")
        .first()
    )
    if enrollment is None:
        raise ValidationError(_("You are not registered for this session."))
    return mark_attendance(enrollment=enrollment, attended=True, marked_by=None)


def check_in_by_code(*, user: User, short_code: str) -> Enrollment:
    """Checks the person in to whichever of their open sessions shows this code."""
    now = timezone.now()
    sessions = Session.objects.filter(
        checkin.open_at(now), enrollments__user=user, enrollments__status__in=MARKABLE
    )
    for session in sessions:
        if checkin.short_code_is_current(session, short_code, now):
            return check_in(user=user, session=session, short_code=short_code)
    raise ValidationError(
        _("That code does not match a session you are registered for that is on now.")
    )
