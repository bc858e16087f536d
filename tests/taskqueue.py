"""Running django-tasks-db's real worker inside a test.

`run_worker()` runs the loop of `db_worker --batch` in this thread (the command itself
installs signal handlers, which only the main thread may do, and a live server's is not):
it claims each ready task with a row lock, runs it and records the result, then stops when
none is ready. The worker checks for stale connections between tasks; inside a test's
transaction that would close it, so that one call is turned off here.
"""

from unittest import mock

from django_tasks_db.management.commands import db_worker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        db_worker.Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()


def run_worker_on_enqueue(sender, task_result, **kwargs) -> None:
    """A task_enqueued receiver: the suite's email journeys on the database backend, with
    the worker run right after each task is queued (TEST_TASKS_BACKEND=database)."""
    run_worker()
