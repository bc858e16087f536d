"""Certificates: issued once per enrollment (or per person and on-demand course),
revoked with a reason, restored when attendance is corrected back."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaign.audit import log_action
from campaign.emails import absolute_url, send_portal_mail
from campaign.errors import required_reason
from campaign.models import User
from training import webhooks
from training.evaluation_queries import awaits_evaluation
from training.models import (
    Certificate,
    Course,
    Enrollment,
    Session,
)

Status = Enrollment.Status


def existing_certificate(
    *, user: User, course: Course, enrollment: Enrollment | None
) -> Certificate | None:
    """The certificate already issued for this attendance (or on-demand completion)."""
    if enrollment is not None:
        return Certificate.objects.filter(enrollment=enrollment).first()
    return Certificate.objects.filter(user=user, course=course, enrollment__isnull=True).first()


def issue_certificate(
    *, user: User, course: Course, enrollment: Enrollment | None, completed_on: date
) -> Certificate:
    """Creates the certificate (expiring after the course's validity, if it has one) and
    queues its email. The caller holds the lock."""
    certificate = Certificate.objects.create(
        user=user,
        course=course,
        enrollment=enrollment,
        recipient_name=user.name or user.email,
        hours=(Decimal(course.duration_minutes) / 60).quantize(Decimal("0.01")),
        issued_on=completed_on,
        # Kept on the certificate: a later change of the course's validity leaves it be.
        expires_on=course.certificate_expiry(completed_on),
    )
    log_action(actor=None, action="training.certificate.issue", target=certificate)
    mail_certificate(certificate)
    webhooks.certificate_event(certificate, webhooks.ISSUED)
    return certificate


def certificate_mail_context(certificate: Certificate) -> dict:
    """What every email about a certificate tells: it, its course and its public page."""
    return {
        "certificate": certificate,
        "course": certificate.course,
        "verify_url": absolute_url(certificate.get_absolute_url()),
    }


def mail_certificate(certificate: Certificate) -> None:
    send_portal_mail(
        template="training/email/certificate_issued",
        to=[certificate.user.email],
        context={
            **certificate_mail_context(certificate),
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
    log_action(
        actor=revoked_by,
        action="training.certificate.revoke",
        target=certificate,
        reason=reason,
        data={"revocation": revocation},
    )
    webhooks.certificate_event(certificate, webhooks.REVOKED)


def settle_certificate(enrollment: Enrollment, *, marked_by: User | None, now: datetime) -> bool:
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
        if awaits_evaluation(enrollment):
            return False  # submit_evaluation settles it once the evaluation is in
        issue_certificate(
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
        log_action(actor=marked_by, action="training.certificate.restore", target=certificate)
        mail_certificate(certificate)
        webhooks.certificate_event(certificate, webhooks.ISSUED)  # valid again
        return True
    return False


def revoke_certificate(*, certificate: Certificate, revoked_by: User, reason: str) -> Certificate:
    """Revokes a certificate with a reason, for good; the public page then says when, and
    the holder is emailed the reason after commit.

    A certificate an attendance correction revoked can still be revoked this way, so that
    correcting attendance back no longer restores it.
    """
    reason = required_reason(reason, "Give a reason for revoking the certificate.")
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
        send_portal_mail(
            template="training/email/certificate_revoked",
            to=[certificate.user.email],
            context={**certificate_mail_context(certificate), "reason": reason},
        )
    return certificate
