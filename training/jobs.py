"""Training's scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from datetime import timedelta

from django.conf import settings

from campaign.scheduler import register_job
from training.services import (
    cancel_underfilled_sessions,
    invite_to_evaluate,
    issue_due_certificates,
    send_due_reminders,
    send_expiry_reminders,
)


@register_job("training-reminders")
def training_reminders() -> str:
    sent = send_due_reminders(lead=timedelta(hours=settings.TRAINING_REMINDER_HOURS))
    return f"{sent} reminder(s) sent."


@register_job("training-certificates")
def training_certificates() -> str:
    return f"{issue_due_certificates()} certificate(s) issued or restored."


@register_job("training-minimum-enrollment")
def training_minimum_enrollment() -> str:
    return f"{cancel_underfilled_sessions()} session(s) below their minimum cancelled."


@register_job("training-evaluation-invitations")
def training_evaluation_invitations() -> str:
    return f"{invite_to_evaluate()} attendee(s) invited to evaluate their training."


@register_job("training-certificate-expiry")
def training_certificate_expiry() -> str:
    sent = send_expiry_reminders(lead_days=settings.CERTIFICATE_REMINDER_DAYS)
    return f"{sent} certificate expiry reminder(s) sent."
