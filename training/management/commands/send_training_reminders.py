"""Emails registered people before their session. Safe to run every few minutes."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from training.services import send_due_reminders


class Command(BaseCommand):
    help = (
        "Emails each registered person once, TRAINING_REMINDER_HOURS before their session "
        "starts. Each reminder is recorded, so running again sends nothing twice."
    )

    def handle(self, *args, **options):
        lead = timedelta(hours=settings.TRAINING_REMINDER_HOURS)
        sent = send_due_reminders(lead=lead)
        self.stdout.write(f"{sent} reminder(s) sent.")
