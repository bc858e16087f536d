"""Checks the seat counts kept on each session row against its enrollments and repairs
any that differ. Safe to run at any time; a scheduled job should run it daily."""

from django.core.management.base import BaseCommand

from training.services import resync_seat_counts


class Command(BaseCommand):
    help = (
        "Compares each session's stored seat and waitlist counts with its enrollments, "
        "repairs the ones that differ and says how many there were (0 is the normal answer)."
    )

    def handle(self, *args, **options):
        wrong = resync_seat_counts()
        self.stdout.write(f"{wrong} session(s) had seat counts that differed; repaired.")
