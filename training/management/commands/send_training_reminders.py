"""Emails registered people before their session and issues the certificates of sessions
that have ended. Safe to run every few minutes, on several machines at once."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from training.services import issue_due_certificates, send_due_reminders


class Command(BaseCommand):
    help = (
        "Emails each registered person once, TRAINING_REMINDER_HOURS before their session "
        "starts, and issues the certificate of each attendance that still stands once its "
        "session has ended. Each is recorded, so running again sends nothing twice."
    )

    def handle(self, *args, **options):
        lead = timedelta(hours=settings.TRAINING_REMINDER_HOURS)
        sent = send_due_reminders(lead=lead)
        self.stdout.write(f"{sent} reminder(s) sent.")
        issued = issue_due_certificates()
        self.stdout.write(f"{issued} certificate(s) issued or restored.")
