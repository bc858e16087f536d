"""Kept for existing cron lines: runs training's jobs of `run_scheduled_jobs` (reminders
and certificates) under the same lock. New installations run `run_scheduled_jobs`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Emails each registered person once, TRAINING_REMINDER_HOURS before their session "
        "starts, and issues the certificate of each attendance that still stands once its "
        "session has ended. Each is recorded, so running again sends nothing twice. "
        "Same as `run_scheduled_jobs --job training-reminders --job training-certificates`."
    )

    def handle(self, *args, **options):
        call_command(
            "run_scheduled_jobs",
            job=["training-reminders", "training-certificates"],
            stdout=self.stdout,
        )
