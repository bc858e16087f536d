"""Runs the scheduled jobs once (or every --loop seconds); safe on several machines."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from campaign.scheduler import registered_jobs, run_jobs


class Command(BaseCommand):
    help = (
        "Runs every scheduled job (reminders, certificates, expiries, clean-ups) once, "
        "under a PostgreSQL advisory lock: when another machine is running them it does "
        "nothing. Each job is idempotent, so run it every minute from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", help="run only this job (repeatable)")
        parser.add_argument(
            "--loop", type=float, metavar="SECONDS", help="run again every SECONDS, forever"
        )

    def handle(self, *args, job=None, loop=None, **options):
        known = registered_jobs()
        unknown = sorted(set(job or []) - set(known))
        if unknown:
            raise CommandError(f"No such job: {', '.join(unknown)}. Jobs: {', '.join(known)}.")
        if loop is not None and loop <= 0:
            raise CommandError("--loop takes a number of seconds above zero.")
        while True:
            reports = run_jobs(only=job)
            if reports is None:
                self.stdout.write("Another process is running the scheduled jobs; skipped.")
            else:
                for name, report in reports.items():
                    self.stdout.write(f"{name}: {report}")
            if loop is None:
                return
            close_old_connections()
            time.sleep(loop)
