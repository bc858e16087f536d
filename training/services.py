"""Enrollment: every write here locks the session row, so capacity holds under any load.

Order of steps in each service (as pretix does it): open a transaction, lock the session
late and once, re-check after locking, write, and queue email for after the commit.
Attendance and certificates lock the enrollment (or, for on-demand courses, the person),
and training requests lock the request, so each is decided and issued once.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from campaign.emails import absolute_url, send_portal_mail
from campaign.errors import error_text
from campaign.models import User
from partners.models import Organization
from partners.queries import campaign_admin_emails
from training import access, checkin
from training.calendar import session_ics_attachment
from training.models import (
    Certificate,
    Course,
    Enrollment,
    KnowledgeCheckAttempt,
    Session,
    TrainingRequest,
)

Status = Enrollment.Status
# The code of the refusal a second enrollment of the same person gets.
ALREADY_ENROLLED = "already_enrolled"

GIVE_BACK_SALT = "training.give-back"


def _lock_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("course").get(pk=session.pk)


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
    if template in {"registered", "promoted", "reminder"}:
        attachments = [session_ics_attachment(session, with_join_link=True)]
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
    waitlist position after commit.
    """
    problem = access.eligibility_problem(user, session)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        session = _lock_session(session)
        problem = access.registration_problem(session) or access.eligibility_problem(user, session)
        if problem:
            raise ValidationError(problem)
        if (
            Enrollment.objects.filter(user=user, session=session)
            .exclude(status=Status.CANCELLED)
            .exists()
        ):
            raise ValidationError("Already enrolled in this session.", code=ALREADY_ENROLLED)
        now = timezone.now()
        has_seat = session.capacity is None or registered_count(session) < session.capacity
        enrollment = Enrollment(
            user=user,
            session=session,
            organization=access.organization_enrolled_for(user, session, organization),
            status=Status.REGISTERED if has_seat else Status.WAITLISTED,
            enrolled_by=enrolled_by if enrolled_by != user else None,
            created_at=now,
            queued_at=now,
            registered_at=now if has_seat else None,
        )
        try:
            with transaction.atomic():
                enrollment.save()
        except IntegrityError:
            raise ValidationError(
                "Already enrolled in this session.", code=ALREADY_ENROLLED
            ) from None
        if has_seat:
            _mail(enrollment, "registered")
        else:
            _mail(enrollment, "waitlisted", position=waitlist_position(enrollment))
    return enrollment


def _promote_waiting(session: Session) -> list[Enrollment]:
    """Fills open seats from the waitlist, oldest first. The caller holds the session lock."""
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
            raise ValidationError("This enrollment can no longer be cancelled.")
        if session.has_started:
            raise ValidationError("This session has already started.")
        freed_seat = enrollment.status == Status.REGISTERED
        enrollment.status = Status.CANCELLED
        enrollment.cancelled_at = timezone.now()
        enrollment.save(update_fields=["status", "cancelled_at"])
        enrollment.session = session
        _mail(
            enrollment,
            "cancelled",
            left_waitlist=not freed_seat,
            by_someone_else=cancelled_by not in (None, enrollment.user),
        )
        if freed_seat:
            _promote_waiting(session)
    return enrollment


def fill_open_seats(*, session: Session) -> list[Enrollment]:
    """After capacity grows, moves waitlisted people into the new seats, oldest first."""
    with transaction.atomic():
        session = _lock_session(session)
        if session.status != Session.Status.SCHEDULED or session.has_started:
            return []
        return _promote_waiting(session)


def cancel_session(*, session: Session, cancelled_by: User) -> int:
    """Cancels the session and every live enrollment in it; emails each person."""
    with transaction.atomic():
        session = _lock_session(session)
        if session.status == Session.Status.CANCELLED:
            raise ValidationError("This session is already cancelled.")
        session.status = Session.Status.CANCELLED
        session.save(update_fields=["status"])
        enrollments = list(
            session.enrollments.filter(
                status__in=[Status.REGISTERED, Status.WAITLISTED]
            ).select_related("user")
        )
        now = timezone.now()
        for enrollment in enrollments:
            enrollment.status = Status.CANCELLED
            enrollment.cancelled_at = now
            enrollment.save(update_fields=["status", "cancelled_at"])
            enrollment.session = session
            _mail(enrollment, "session_cancelled")
    return len(enrollments)


GIVE_BACK_GONE = "gone"


def enrollment_from_give_back_token(token: str) -> Enrollment:
    """The enrollment a give-back link is for.

    A forged link is "not valid"; a genuine one "no longer works" (code GIVE_BACK_GONE) once
    it is older than TRAINING_GIVE_BACK_HOURS, the session has started or the account was
    deactivated.
    """
    gone = ValidationError("This link no longer works.", code=GIVE_BACK_GONE)
    try:
        data = signing.loads(
            token,
            salt=GIVE_BACK_SALT,
            max_age=timedelta(hours=settings.TRAINING_GIVE_BACK_HOURS),
        )
    except signing.SignatureExpired:
        raise gone from None
    except signing.BadSignature:
        raise ValidationError("This link is not valid.") from None
    enrollment = (
        Enrollment.objects.select_related("session__course", "user")
        .filter(pk=data.get("enrollment"))
        .first()
    )
    if enrollment is None:
        raise ValidationError("This link is not valid.")
    if not enrollment.user.is_active or enrollment.session.has_started:
        raise gone
    return enrollment


@dataclass
class BulkOutcome:
    member: User
    outcome: str  # registered, waitlisted, already enrolled, not eligible
    detail: str = ""


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
                detail = f"Position {waitlist_position(enrollment)} on the waitlist."
            outcomes.append(BulkOutcome(member, enrollment.status, detail))
    return outcomes


def send_due_reminders(*, lead, now=None) -> int:
    """Emails each registered person once, `lead` before their session starts.

    Marks each reminder sent in the same transaction that queues it, skipping rows another
    run has locked, so overlapping runs never send one twice.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Enrollment.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Status.REGISTERED,
                reminder_sent_at__isnull=True,
                session__status=Session.Status.SCHEDULED,
                session__starts_at__gt=now,
                session__starts_at__lte=now + lead,
            )
            .select_related("user", "session__course")
        )
        for enrollment in due:
            enrollment.reminder_sent_at = now
            enrollment.save(update_fields=["reminder_sent_at"])
            _mail(enrollment, "reminder")
            sent += 1
    return sent


# --- Attendance -------------------------------------------------------------------------

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
    revokes the certificate; correcting it back restores it (see `_settle_certificate`).
    """
    with transaction.atomic():
        enrollment = _lock_enrollment(enrollment)
        session = enrollment.session
        if enrollment.status not in MARKABLE:
            raise ValidationError("Only people registered for the session can be marked.")
        if session.status == Session.Status.CANCELLED:
            raise ValidationError("This session was cancelled.")
        opens, _closes = checkin.window(session)
        if timezone.now() < opens:
            raise ValidationError("Attendance can be taken once the session is about to start.")
        new_status = Status.ATTENDED if attended else Status.NO_SHOW
        if enrollment.status != new_status:
            enrollment.status = new_status
            enrollment.attendance_marked_at = timezone.now()
            enrollment.attendance_marked_by = marked_by
            enrollment.save(
                update_fields=["status", "attendance_marked_at", "attendance_marked_by"]
            )
        _settle_certificate(enrollment, marked_by=marked_by, now=timezone.now())
    return enrollment


def issue_due_certificates(*, now: datetime | None = None) -> int:
    """Issues the certificate of each attendance that still stands once its session has
    ended (or restores one an attendance correction revoked); returns how many.

    Run by the scheduled job. Locks each enrollment, skipping rows another run or a
    trainer's mark holds (that one settles them), so overlapping runs never issue twice.
    """
    now = now or timezone.now()
    settled = 0
    with transaction.atomic():
        due = list(
            Enrollment.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Status.ATTENDED,
                session__ends_at__lte=now,
                session__course__issues_certificates=True,
            )
            .exclude(session__status=Session.Status.CANCELLED)
            .filter(
                Q(certificate__isnull=True)
                | Q(certificate__revocation=Certificate.Revocation.ATTENDANCE)
            )
            .select_related("user", "session__course")
        )
        for enrollment in due:
            settled += _settle_certificate(enrollment, marked_by=None, now=now)
    return settled


def check_in(*, user: User, session: Session, token: str = "", short_code: str = "") -> Enrollment:
    """Marks a signed-in registered person attended from the QR link or the typed code.

    Checks that check-in is open and the code is the current one (or the one just before).
    """
    if not checkin.is_open(session):
        raise ValidationError("Check-in for this session is not open now.")
    valid = (token and checkin.token_is_current(session, token)) or (
        short_code and checkin.short_code_is_current(session, short_code)
    )
    if not valid:
        raise ValidationError(
            "That check-in code is not current. Ask the trainer for the code on screen now."
        )
    enrollment = (
        Enrollment.objects.filter(user=user, session=session, status__in=MARKABLE)
        .select_related("session__course")
        .first()
    )
    if enrollment is None:
        raise ValidationError("You are not registered for this session.")
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
        "That code does not match a session you are registered for that is on now."
    )


# --- Certificates -----------------------------------------------------------------------


def existing_certificate(
    *, user: User, course: Course, enrollment: Enrollment | None
) -> Certificate | None:
    """The certificate already issued for this attendance (or on-demand completion)."""
    if enrollment is not None:
        return Certificate.objects.filter(enrollment=enrollment).first()
    return Certificate.objects.filter(user=user, course=course, enrollment__isnull=True).first()


def _issue(
    *, user: User, course: Course, enrollment: Enrollment | None, completed_on: date
) -> Certificate:
    """Creates the certificate and queues its email. The caller holds the lock."""
    certificate = Certificate.objects.create(
        user=user,
        course=course,
        enrollment=enrollment,
        recipient_name=user.name or user.email,
        hours=(Decimal(course.duration_minutes) / 60).quantize(Decimal("0.01")),
        issued_on=completed_on,
    )
    _mail_certificate(certificate)
    return certificate


def _mail_certificate(certificate: Certificate) -> None:
    send_portal_mail(
        template="training/email/certificate_issued",
        to=[certificate.user.email],
        context={
            "certificate": certificate,
            "course": certificate.course,
            "verify_url": absolute_url(certificate.get_absolute_url()),
            "download_url": absolute_url(
                reverse("certificates:download", kwargs={"code": certificate.code})
            ),
        },
    )


REVOCATION_FIELDS = ["revoked_at", "revoked_by", "revoked_reason", "revocation"]
ATTENDANCE_CORRECTED = "Attendance was corrected."


def _revoke(
    certificate: Certificate,
    *,
    revoked_by: User | None,
    reason: str,
    revocation: Certificate.Revocation,
) -> None:
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revoked_reason = reason
    certificate.revocation = revocation
    certificate.save(update_fields=REVOCATION_FIELDS)


def _settle_certificate(enrollment: Enrollment, *, marked_by: User | None, now: datetime) -> bool:
    """Brings the certificate of an enrollment in line with its attendance; True when it
    issued or restored one. The caller holds the enrollment lock.

    Attended, at a certifying session that has ended: issued, or restored when an
    attendance correction revoked it. No-show: revoked as an attendance correction. An
    admin's revocation is never undone here.
    """
    session = enrollment.session
    course = session.course
    certificate = existing_certificate(user=enrollment.user, course=course, enrollment=enrollment)
    if enrollment.status == Status.NO_SHOW:
        if certificate is not None and not certificate.is_revoked:
            _revoke(
                certificate,
                revoked_by=marked_by,
                reason=ATTENDANCE_CORRECTED,
                revocation=Certificate.Revocation.ATTENDANCE,
            )
        return False
    ended = session.ends_at <= now and session.status != Session.Status.CANCELLED
    if enrollment.status != Status.ATTENDED or not course.issues_certificates or not ended:
        return False
    if certificate is None:
        _issue(
            user=enrollment.user,
            course=course,
            enrollment=enrollment,
            completed_on=session.local_start.date(),
        )
        return True
    if certificate.revocation == Certificate.Revocation.ATTENDANCE:
        certificate.revoked_at = certificate.revoked_by = None
        certificate.revoked_reason = certificate.revocation = ""
        certificate.save(update_fields=REVOCATION_FIELDS)
        _mail_certificate(certificate)
        return True
    return False


def revoke_certificate(*, certificate: Certificate, revoked_by: User, reason: str) -> Certificate:
    """Revokes a certificate with a reason, for good; the public page then says when.

    A certificate an attendance correction revoked can still be revoked this way, so that
    correcting attendance back no longer restores it.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give a reason for revoking the certificate.")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked and certificate.revocation != Certificate.Revocation.ATTENDANCE:
            raise ValidationError("This certificate is already revoked.")
        _revoke(
            certificate,
            revoked_by=revoked_by,
            reason=reason,
            revocation=Certificate.Revocation.ADMIN,
        )
    return certificate


# --- On-demand courses ------------------------------------------------------------------


def _lock_person(user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).first()


@dataclass
class KnowledgeCheckResult:
    attempt: KnowledgeCheckAttempt
    wrong: set[int] = field(default_factory=set)  # question ids answered wrongly
    certificate: Certificate | None = None
    issued: bool = False  # the certificate was issued by this pass


def submit_knowledge_check(
    *, user: User, course: Course, answers: dict[int, int]
) -> KnowledgeCheckResult:
    """Grades a try at the knowledge check and records it.

    A pass at or above the course's pass mark is the course's completion; the first pass of
    a certifying course issues its one certificate. Locks the person's row, so two passes
    submitted at once still make one certificate.
    """
    if not course.is_on_demand or not course.published:
        raise ValidationError("This course has no knowledge check.")
    questions = list(course.questions.all())
    if not questions:
        raise ValidationError("This course has no knowledge check yet.")
    unanswered = [q for q in questions if q.pk not in answers]
    if unanswered:
        raise ValidationError("Answer every question before you submit.")
    wrong = {q.pk for q in questions if answers[q.pk] != q.correct_choice}
    score = round(100 * (len(questions) - len(wrong)) / len(questions))
    passed = score >= course.pass_mark
    with transaction.atomic():
        _lock_person(user)
        attempt = KnowledgeCheckAttempt.objects.create(
            user=user,
            course=course,
            score=score,
            passed=passed,
            answers={str(q.pk): answers[q.pk] for q in questions},
        )
        certificate, issued = None, False
        if passed and course.issues_certificates:
            certificate = existing_certificate(user=user, course=course, enrollment=None)
            if certificate is None:
                certificate = _issue(
                    user=user, course=course, enrollment=None, completed_on=timezone.localdate()
                )
                issued = True
    return KnowledgeCheckResult(
        attempt=attempt, wrong=wrong, certificate=certificate, issued=issued
    )


# --- Training requests ------------------------------------------------------------------


def submit_training_request(
    *, requested_by: User, organization: Organization, **details
) -> TrainingRequest:
    """Records a coordinator's request for their organization and tells the campaign admins."""
    from partners.access import can_manage

    if not can_manage(requested_by, organization):
        raise ValidationError("You can request trainings only for organizations you coordinate.")
    training_request = TrainingRequest(
        requested_by=requested_by, organization=organization, **details
    )
    training_request.full_clean()
    with transaction.atomic():
        training_request.save()
        send_portal_mail(
            template="training/email/request_submitted",
            to=campaign_admin_emails(),
            context={
                "training_request": training_request,
                "admin_url": absolute_url(
                    reverse("admin:training_trainingrequest_change", args=[training_request.pk])
                ),
            },
        )
    return training_request


def _lock_pending_request(training_request: TrainingRequest) -> TrainingRequest:
    locked = (
        TrainingRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "requested_by", "course")
        .get(pk=training_request.pk)
    )
    if locked.status != TrainingRequest.Status.PENDING:
        raise ValidationError(f"This request was already {locked.get_status_display().lower()}.")
    return locked


def accept_training_request(
    *,
    training_request: TrainingRequest,
    decided_by: User,
    course: Course,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str,
    capacity: int | None = None,
    online: bool = True,
    join_url: str = "",
    venue_name: str = "",
    venue_address: str = "",
) -> Session:
    """Accepts a pending request once: creates a session open only to the requesting
    organization (and its sub-organizations) and emails the coordinator.

    Locks the request row, so two admins accepting at once create one session.
    """
    with transaction.atomic():
        training_request = _lock_pending_request(training_request)
        session = Session(
            course=course,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=time_zone,
            capacity=capacity,
            online=online,
            join_url=join_url,
            venue_name=venue_name,
            venue_address=venue_address,
            eligibility=Session.Eligibility.LISTED,
        )
        session.full_clean()
        session.save()
        session.eligible_organizations.set([training_request.organization])
        training_request.status = TrainingRequest.Status.ACCEPTED
        training_request.decided_by = decided_by
        training_request.decided_at = timezone.now()
        training_request.session = session
        training_request.save(update_fields=["status", "decided_by", "decided_at", "session"])
        send_portal_mail(
            template="training/email/request_accepted",
            to=[training_request.requested_by.email],
            context={
                "training_request": training_request,
                "session": session,
                "session_url": absolute_url(session.get_absolute_url()),
                "bulk_url": absolute_url(reverse("training:bulk-enroll", args=[session.pk])),
            },
        )
    return session


def decline_training_request(
    *, training_request: TrainingRequest, decided_by: User, reason: str
) -> TrainingRequest:
    """Declines a pending request once, with a reason the coordinator is emailed."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the coordinator a reason.")
    with transaction.atomic():
        training_request = _lock_pending_request(training_request)
        training_request.status = TrainingRequest.Status.DECLINED
        training_request.decided_by = decided_by
        training_request.decided_at = timezone.now()
        training_request.decline_reason = reason
        training_request.save(
            update_fields=["status", "decided_by", "decided_at", "decline_reason"]
        )
        send_portal_mail(
            template="training/email/request_declined",
            to=[training_request.requested_by.email],
            context={"training_request": training_request},
        )
    return training_request
