"""Kept for existing cron lines: runs training's jobs of `run_scheduled_jobs` (reminders
and certificates) under the same lock. New installations run `run_scheduled_jobs`."""

from django.core.management.base import BaseCommand

from campaign.scheduler import run_jobs


class Command(BaseCommand):
    help = (
        "Emails each registered person once, TRAINING_REMINDER_HOURS before their session "
        "starts, and issues the certificate of each attendance that still stands once its "
        "session has ended. Each is recorded, so running again sends nothing twice. "
        "Same as `run_scheduled_jobs --job training-reminders --job training-certificates`."
    )

    def handle(self, *args, **options):
        reports = run_jobs(only=["training-reminders", "training-certificates"])
        if reports is None:
            self.stdout.write("Another process is running the scheduled jobs; skipped.")
            return
        for report in reports.values():
            self.stdout.write(report)
