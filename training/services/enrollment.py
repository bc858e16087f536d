"""Enrolling, cancelling and the waitlist: every write here locks the session row, so
capacity holds under any load.

Order of steps in each service (as pretix does it): open a transaction, lock the session
late and once, re-check after locking, write, and queue email for after the commit.
Attendance and certificates lock the enrollment (or, for on-demand courses, the person),
and training requests lock the request, so each is decided and issued once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from campaign.audit import log_action
from campaign.emails import absolute_url, send_portal_mail
from campaign.errors import error_text
from campaign.models import User
from campaign.requestlog import on_commit_in_this_request
from partners.models import Organization
from partners.queries import active_organization_ids
from training import access, queries
from training.calendar import session_ics_attachment
from training.models import (
    Enrollment,
    Session,
)
from training.services.seat_counts import _count_one_more, _recount_seats

Status = Enrollment.Status
# The code of the refusal a second enrollment of the same person gets.
ALREADY_ENROLLED = "already_enrolled"

GIVE_BACK_SALT = "training.give-back"


def _lock_session(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
    )


def registered_count(session: Session) -> int:
    return session.enrollments.filter(status=Status.REGISTERED).count()


def waitlist_position(enrollment: Enrollment) -> int:
    """1 for the first person waiting."""
    ahead = Enrollment.objects.filter(
        session_id=enrollment.session_id,
        status=Status.WAITLISTED,
        queued_at__lt=enrollment.queued_at,
    ).count()
    same_time = Enrollment.objects.filter(
        session_id=enrollment.session_id,
        status=Status.WAITLISTED,
        queued_at=enrollment.queued_at,
        pk__lt=enrollment.pk,
    ).count()
    return ahead + same_time + 1


def give_back_url(enrollment: Enrollment) -> str:
    token = signing.dumps({"enrollment": enrollment.pk}, salt=GIVE_BACK_SALT)
    return absolute_url(reverse("training:give-back", kwargs={"token": token}))


def _mail(enrollment: Enrollment, template: str, **extra) -> None:
    session = enrollment.session
    context = {"enrollment": enrollment, "session": session, "course": session.course, **extra}
    attachments = None
    if template in {"registered", "promoted", "reminder"} or (
        template == "moved" and enrollment.status == Status.REGISTERED
    ):
        # Made in the recipient's language, when the message is.
        attachments = [lambda: session_ics_attachment(session, with_join_link=True)]
    send_portal_mail(
        template=f"training/email/{template}",
        to=[enrollment.user.email],
        context={"session_url": absolute_url(session.get_absolute_url()), **context},
        attachments=attachments,
    )


def enroll(
    *,
    user: User,
    session: Session,
    organization: Organization | None = None,
    enrolled_by: User | None = None,
) -> Enrollment:
    """Registers the person while seats remain, else puts them on the waitlist.

    Checks a verified address, eligibility, the registration window and that the person has
    no live enrollment. Locks the session row, so at most `capacity` people are registered
    whatever the concurrency; eligibility is checked again under the lock, against the
    session as it then stands. Emails a confirmation (with the calendar file) or the
    waitlist position after commit. A waitlisted enrollment carries `.position`, its place
    when it joined.

    Everyone else enrolling in the session waits while the lock is held, so only what must
    be decided under it is done there: the person's side (a verified address, their
    organizations) is read before, and the email is written and the kept pages are retired
    after the commit.
    """
    problem = access.person_problem(user)
    if problem:
        raise ValidationError(problem)
    # The session lock guards the session, not the person's memberships: read once, here.
    organization_ids = active_organization_ids(user)
    problem = access.admission_problem(session, organization_ids)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        session = _lock_session(session)
        problem = access.registration_problem(session) or access.admission_problem(
            session, organization_ids
        )
        if problem:
            raise ValidationError(problem)
        now = timezone.now()
        registered = registered_count(session)
        has_seat = session.capacity is None or registered < session.capacity
        enrollment = Enrollment(
            user=user,
            session=session,
            organization_id=queries.organization_enrolled_for(
                organization_ids, session, organization
            ),
            status=Status.REGISTERED if has_seat else Status.WAITLISTED,
            enrolled_by=enrolled_by if enrolled_by != user else None,
            created_at=now,
            queued_at=now,
            registered_at=now if has_seat else None,
        )
        try:
            # A second live enrollment breaks one_live_enrollment_per_user_and_session; the
            # refusal rolls the whole transaction back.
            enrollment.save()
        except IntegrityError:
            raise ValidationError(
                _("Already enrolled in this session."), code=ALREADY_ENROLLED
            ) from None
        _count_one_more(session, registered=registered, has_seat=has_seat)
        log_action(
            actor=enrolled_by or user,
            action="training.enrollment.create",
            target=enrollment,
            data={"status": enrollment.status, "for": user.pk},
        )
        # The person is told who enrolled them when it was someone else (a coordinator).
        by = enrollment.enrolled_by
        if has_seat:
            on_commit_in_this_request(lambda: _mail(enrollment, "registered", enrolled_by=by))
        else:
            # Under the lock nobody else joined the queue since the row was read, and this
            # person is its newest: the position is the length read with the lock, plus one.
            enrollment.position = session.waitlist_length + 1
            on_commit_in_this_request(
                lambda: _mail(
                    enrollment, "waitlisted", position=enrollment.position, enrolled_by=by
                )
            )
    return enrollment


def _promote_waiting(session: Session, *, actor: User | None) -> list[Enrollment]:
    """Fills open seats from the waitlist, oldest first. The caller holds the session lock;
    `actor` is who freed or added the seats (None: the system)."""
    if session.capacity is None:
        waiting = list(session.enrollments.filter(status=Status.WAITLISTED))
    else:
        free = session.capacity - registered_count(session)
        waiting = list(
            session.enrollments.filter(status=Status.WAITLISTED).order_by("queued_at", "pk")[
                : max(free, 0)
            ]
        )
    now = timezone.now()
    for enrollment in waiting:
        enrollment.status = Status.REGISTERED
        enrollment.registered_at = now
        enrollment.save(update_fields=["status", "registered_at"])
        log_action(actor=actor, action="training.enrollment.promote", target=enrollment)
        _mail(
            enrollment,
            "promoted",
            give_back_url=give_back_url(enrollment),
            give_back_hours=settings.TRAINING_GIVE_BACK_HOURS,
        )
    return waiting


def cancel_enrollment(*, enrollment: Enrollment, cancelled_by: User | None) -> Enrollment:
    """Cancels a seat or leaves the waitlist.

    A freed seat goes to the oldest waitlisted person in the same transaction (the session
    row is locked), so nobody can jump the queue; both people are emailed.
    """
    with transaction.atomic():
        session = _lock_session(enrollment.session)
        enrollment = Enrollment.objects.select_related("user").get(pk=enrollment.pk)
        if enrollment.status not in (Status.REGISTERED, Status.WAITLISTED):
            raise ValidationError(_("This enrollment can no longer be cancelled."))
        if session.has_started:
            raise ValidationError(_("This session has already started."))
        freed_seat = enrollment.status == Status.REGISTERED
        enrollment.status = Status.CANCELLED
        enrollment.cancelled_at = timezone.now()
        enrollment.save(update_fields=["status", "cancelled_at"])
        enrollment.session = session
        log_action(
            actor=cancelled_by or enrollment.user,
            action="training.enrollment.cancel",
            target=enrollment,
            data={"left_waitlist": not freed_seat},
        )
        _mail(
            enrollment,
            "cancelled",
            left_waitlist=not freed_seat,
            by_someone_else=cancelled_by not in (None, enrollment.user),
        )
        if freed_seat:
            _promote_waiting(session, actor=cancelled_by or enrollment.user)
        _recount_seats(session.pk)
    return enrollment


def fill_open_seats(*, session: Session, filled_by: User | None = None) -> list[Enrollment]:
    """After capacity grows, moves waitlisted people into the new seats, oldest first;
    each move is logged as done by `filled_by` (None: the system)."""
    with transaction.atomic():
        session = _lock_session(session)
        if session.status != Session.Status.SCHEDULED or session.has_started:
            return []
        promoted = _promote_waiting(session, actor=filled_by)
        _recount_seats(session.pk)
        return promoted


GIVE_BACK_GONE = "gone"


def enrollment_from_give_back_token(token: str) -> Enrollment:
    """The enrollment a give-back link is for.

    A forged link is "not valid"; a genuine one "no longer works" (code GIVE_BACK_GONE) once
    it is older than TRAINING_GIVE_BACK_HOURS, the session has started or the account was
    deactivated.
    """
    gone = ValidationError(_("This link no longer works."), code=GIVE_BACK_GONE)
    try:
        data = signing.loads(
            token,
            salt=GIVE_BACK_SALT,
            max_age=timedelta(hours=settings.TRAINING_GIVE_BACK_HOURS),
        )
    except signing.SignatureExpired:
        raise gone from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid.")) from None
    enrollment = (
        Enrollment.objects.select_related("session__course", "user")
        .filter(pk=data.get("enrollment"))
        .first()
    )
    if enrollment is None:
        raise ValidationError(_("This link is not valid."))
    if not enrollment.user.is_active or enrollment.session.has_started:
        raise gone
    return enrollment


@dataclass
class BulkOutcome:
    member: User
    outcome: str  # registered, waitlisted, already enrolled, not enrolled
    detail: str = ""

    @property
    def label(self) -> str:
        """The outcome in words of the page's language."""
        return _(OUTCOME_LABELS.get(self.outcome, self.outcome))


# Marked for the catalogue here, translated when shown (BulkOutcome.label).
OUTCOME_LABELS = {
    "registered": gettext_noop("Registered"),
    "waitlisted": gettext_noop("Waitlisted"),
    "already enrolled": gettext_noop("Already enrolled"),
    "not enrolled": gettext_noop("Not enrolled"),
}


def enroll_staff(
    *, session: Session, members: list[tuple[User, Organization]], enrolled_by: User
) -> list[BulkOutcome]:
    """Enrolls each (person, organization) through `enroll`, each in its own transaction,
    and reports what happened to each."""
    outcomes = []
    for member, organization in members:
        try:
            enrollment = enroll(
                user=member, session=session, organization=organization, enrolled_by=enrolled_by
            )
        except ValidationError as error:
            if error.code == ALREADY_ENROLLED:
                outcomes.append(BulkOutcome(member, "already enrolled", ""))
            else:
                outcomes.append(BulkOutcome(member, "not enrolled", error_text(error)))
        else:
            detail = ""
            if enrollment.status == Status.WAITLISTED:
                detail = _("Position %(position)s on the waitlist.") % {
                    "position": enrollment.position
                }
            outcomes.append(BulkOutcome(member, enrollment.status, detail))
    return outcomes


def for_each_due(enrollments: QuerySet[Enrollment], act: Callable[[Enrollment], int]) -> int:
    """Runs `act` on each of the enrollments a scheduled job is due to settle, in one
    transaction, each row locked with its person and course. Rows another run (or a
    person's own write) holds are skipped: that one settles them, so overlapping runs never
    act on a row twice. Returns the sum of what `act` returned: how many it acted on."""
    with transaction.atomic():
        due = enrollments.select_for_update(skip_locked=True, of=("self",)).select_related(
            "user", "session__course"
        )
        return sum(act(enrollment) for enrollment in due)


def send_due_reminders(*, lead, now=None) -> int:
    """Emails each registered person once, `lead` before their session starts.

    Marks each reminder sent in the same transaction that queues it, skipping rows another
    run has locked, so overlapping runs never send one twice.
    """
    now = now or timezone.now()

    def remind(enrollment: Enrollment) -> int:
        enrollment.reminder_sent_at = now
        enrollment.save(update_fields=["reminder_sent_at"])
        _mail(enrollment, "reminder")
        return 1

    return for_each_due(
        Enrollment.objects.filter(
            status=Status.REGISTERED,
            reminder_sent_at__isnull=True,
            session__status=Session.Status.SCHEDULED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + lead,
        ),
        remind,
    )
