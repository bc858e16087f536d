"""One entry point for scheduled jobs: every app's jobs, once, under an advisory lock that
lets only one machine run them at a time; running again does nothing twice."""

import io
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from campaign import scheduler
from tests.concurrency import requires_postgres
from tests.factories import SessionFactory, UserFactory
from training import services


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command("run_scheduled_jobs", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_every_app_registers_its_jobs_and_the_kernel_names_none():
    jobs = scheduler.registered_jobs()
    assert {"training-reminders", "training-certificates", "requeue-stalled-tasks"} <= set(jobs)
    assert "training" not in Path(scheduler.__file__).read_text()


@pytest.mark.django_db
def test_running_again_sends_nothing_twice(django_capture_on_commit_callbacks):
    session = SessionFactory(starts_at=timezone.now() + timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        services.enroll(user=UserFactory(), session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = run()
    with django_capture_on_commit_callbacks(execute=True):
        second = run()
    assert "training-reminders: 1 reminder(s) sent." in first
    assert "training-reminders: 0 reminder(s) sent." in second
    assert len(mail.outbox) == 1


def test_a_counting_job_is_registered_and_says_how_many_its_service_did(monkeypatch):
    """A job declared with counting_job runs its service on every run and puts the number
    the service returns in its sentence."""
    monkeypatch.setattr(scheduler, "_jobs", {})
    counts = iter([3, 0])
    job = scheduler.counting_job("counted", lambda: next(counts), "{count} thing(s) done.")
    assert scheduler._jobs == {"counted": job}
    assert job() == "3 thing(s) done."
    assert job() == "0 thing(s) done."


@pytest.mark.django_db
def test_an_unknown_job_or_a_bad_loop_is_refused_with_a_message():
    with pytest.raises(CommandError, match="No such job: nightly"):
        run("--job", "nightly")
    with pytest.raises(CommandError, match="above zero"):
        run("--loop", "0")


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run(monkeypatch):
    jobs = {"broken": lambda: 1 / 0, "fine": lambda: "done"}
    monkeypatch.setattr(scheduler, "registered_jobs", lambda: jobs)
    assert scheduler.run_jobs() == {"broken": "failed", "fine": "done"}


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_only_one_machine_runs_the_jobs_at_a_time(monkeypatch):
    """While one process holds the lock (inside its first job) another skips the run."""
    inside, release = threading.Event(), threading.Event()
    runs = []

    def slow_job() -> str:
        runs.append(threading.current_thread().name)
        inside.set()
        release.wait(10)
        return "done"

    monkeypatch.setattr(scheduler, "registered_jobs", lambda: {"slow": slow_job})
    results = {}

    def first() -> None:
        try:
            results["first"] = scheduler.run_jobs()
        finally:
            connection.close()

    holder = threading.Thread(target=first, name="first")
    holder.start()
    assert inside.wait(10)
    try:
        results["second"] = scheduler.run_jobs()
    finally:
        release.set()
        holder.join(10)
    assert results == {"first": {"slow": "done"}, "second": None}
    assert runs == ["first"]
    # The lock is released afterwards: the next run goes ahead.
    assert scheduler.run_jobs() == {"slow": "done"}


@pytest.mark.django_db
def test_the_impact_figures_job_refreshes_stale_figures_and_leaves_fresh_ones(monkeypatch):
    """The site's job (named in SCHEDULED_JOB_MODULES) recomputes the precomputed impact
    figures once they are older than its refresh period, and not every minute."""
    from django.core.cache import cache

    from campaign.site import impact

    cache.delete(impact.FIGURES_CACHE_KEY)
    assert "impact-figures" in scheduler.registered_jobs()
    assert run("--job", "impact-figures") == ["impact-figures: Impact figures refreshed."]
    assert run("--job", "impact-figures") == ["impact-figures: Impact figures are fresh."]
    stale = impact.current_figures()
    stale.computed_at -= timedelta(hours=1)
    cache.set(impact.FIGURES_CACHE_KEY, stale)
    assert run("--job", "impact-figures") == ["impact-figures: Impact figures refreshed."]
