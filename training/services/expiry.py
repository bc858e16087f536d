"""Certificates that expire: their holders are reminded, once, some days before, with the
next sessions of the course to recertify in."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from campaign.audit import log_action
from campaign.emails import absolute_url, in_language, send_portal_mail
from training.expiry_queries import renewed_later
from training.models import Certificate, Session
from training.services.certificates import certificate_mail_context

# How many of a course's next sessions a reminder lists.
SESSIONS_IN_REMINDER = 3


def next_open_sessions(course_ids: list[int], *, now=None) -> dict[int, list[Session]]:
    """Up to SESSIONS_IN_REMINDER scheduled sessions of each course that have not started
    and whose registration has not closed, soonest first: one query for all the courses."""
    now = now or timezone.now()
    ranked = (
        Session.objects.filter(
            course_id__in=course_ids,
            course__published=True,
            status=Session.Status.SCHEDULED,
            starts_at__gt=now,
        )
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("course_id")], order_by=[F("starts_at"), F("pk")]
            )
        )
        .filter(rank__lte=SESSIONS_IN_REMINDER)
        .order_by("course_id", "starts_at", "pk")
    )
    sessions: dict[int, list[Session]] = defaultdict(list)
    for session in ranked:
        sessions[session.course_id].append(session)
    return sessions


def send_expiry_reminders(*, lead_days: int, today: date | None = None) -> int:
    """Emails each holder of a standing certificate that expires within `lead_days` (and
    has not yet) a recertification reminder, in their language, with the course's next
    open sessions; returns how many were sent.

    Each certificate is reminded once: `expiry_reminded_at` is set, and the reminder
    recorded in the audit log, in the transaction that queues the email. Rows another run
    holds are skipped, so overlapping runs never remind twice. A holder who already has a
    later certificate of the course is not reminded.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Certificate.objects.filter(
                revoked_at__isnull=True,
                expiry_reminded_at__isnull=True,
                expires_on__gt=today,
                expires_on__lte=today + timedelta(days=lead_days),
            )
            .exclude(Exists(renewed_later()))
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "course")
        )
        sessions = next_open_sessions(sorted({c.course_id for c in due}), now=now)
        for certificate in due:
            certificate.expiry_reminded_at = now
            certificate.save(update_fields=["expiry_reminded_at"])
            log_action(
                actor=None,
                action="training.certificate.remind_expiry",
                target=certificate,
                data={"expires_on": certificate.expires_on.isoformat()},
            )
            _mail_reminder(certificate, sessions.get(certificate.course_id, []))
            sent += 1
    return sent


def _mail_reminder(certificate: Certificate, sessions: list[Session]) -> None:
    language = certificate.user.language or settings.LANGUAGE_CODE
    send_portal_mail(
        template="training/email/certificate_expiring",
        to=[certificate.user.email],
        context={
            **certificate_mail_context(certificate),
            "course_url": absolute_url(certificate.course.get_absolute_url()),
            # Links inside a list are not translated by send_portal_mail: made here.
            "sessions": [
                (session, in_language(absolute_url(session.get_absolute_url()), language))
                for session in sessions
            ],
        },
    )
