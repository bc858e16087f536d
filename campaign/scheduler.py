"""Scheduled jobs: each app registers its own in a `jobs.py` module, and the
`run_scheduled_jobs` command runs them all under one PostgreSQL advisory lock.

Every job must be idempotent (safe to run every minute, and again after a crash): it looks
at the records to decide what is due, and records what it did.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

# An arbitrary constant naming the portal's scheduler lock among PostgreSQL advisory locks.
SCHEDULER_LOCK_KEY = 4_141_126_014

Job = Callable[[], str]
_jobs: dict[str, Job] = {}


def register_job(name: str) -> Callable[[Job], Job]:
    """Registers a job; it returns a short report of what it did, for the log."""

    def decorator(job: Job) -> Job:
        _jobs[name] = job
        return job

    return decorator


def counting_job(name: str, service: Callable[[], int], sentence: str) -> Job:
    """Registers as `name`, and returns, a job that runs `service` and reports the number it
    returns in `sentence`, where `{count}` stands for it ("{count} reminder(s) sent.")."""

    def job() -> str:
        return sentence.format(count=service())

    return register_job(name)(job)


def registered_jobs() -> dict[str, Job]:
    autodiscover_modules("jobs")
    # Packages that are not apps (the site pages above the apps) are named in settings.
    for module in settings.SCHEDULED_JOB_MODULES:
        import_module(module)
    return dict(_jobs)


@contextmanager
def scheduler_lock() -> Iterator[bool]:
    """Yields True if this process holds the scheduler lock (always on SQLite, where only
    one machine runs), False when another holds it. A session-level advisory lock: it goes
    with the connection if the process dies."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SCHEDULER_LOCK_KEY])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SCHEDULER_LOCK_KEY])


def run_jobs(*, only: list[str] | None = None) -> dict[str, str] | None:
    """Runs every registered job (or those named) once under the scheduler lock and returns
    each one's report, or None when another process holds the lock. A job that fails is
    logged and reported; the others still run."""
    jobs = registered_jobs()
    with scheduler_lock() as acquired:
        if not acquired:
            logger.info("scheduled jobs skipped: another process is running them")
            return None
        reports = {}
        for name, job in jobs.items():
            if only and name not in only:
                continue
            try:
                reports[name] = job()
            except Exception:
                logger.exception("scheduled job %s failed", name)
                reports[name] = "failed"
            logger.info("scheduled job %s: %s", name, reports[name])
        return reports
