"""Training's scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from datetime import timedelta

from django.conf import settings

from campaign.scheduler import counting_job
from training.services import (
    cancel_underfilled_sessions,
    invite_to_evaluate,
    issue_due_certificates,
    send_due_reminders,
    send_expiry_reminders,
)

training_reminders = counting_job(
    "training-reminders",
    lambda: send_due_reminders(lead=timedelta(hours=settings.TRAINING_REMINDER_HOURS)),
    "{count} reminder(s) sent.",
)
training_certificates = counting_job(
    "training-certificates",
    issue_due_certificates,
    "{count} certificate(s) issued or restored.",
)
training_minimum_enrollment = counting_job(
    "training-minimum-enrollment",
    cancel_underfilled_sessions,
    "{count} session(s) below their minimum cancelled.",
)
training_evaluation_invitations = counting_job(
    "training-evaluation-invitations",
    invite_to_evaluate,
    "{count} attendee(s) invited to evaluate their training.",
)
training_certificate_expiry = counting_job(
    "training-certificate-expiry",
    lambda: send_expiry_reminders(lead_days=settings.CERTIFICATE_REMINDER_DAYS),
    "{count} certificate expiry reminder(s) sent.",
)
