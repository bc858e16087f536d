"""Helpers for tests that race real transactions against each other on PostgreSQL."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest
from django.db import connection
from django.db.models.signals import pre_save

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serializes every write",
)


JOIN_SECONDS = 30


def run_in_parallel(*calls: Callable[[], object]) -> list[object]:
    """Runs each call in its own thread and connection; returns results or exceptions.
    A thread still running after the timeout fails the test (a deadlock, not a result)."""
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    stuck = [index for index, thread in enumerate(threads) if thread.is_alive()]
    if stuck:
        pytest.fail(f"call(s) {stuck} did not finish within {JOIN_SECONDS} s")
    return results


def run_twice_at_once(call: Callable[[], object]) -> list[object]:
    """The same call from two threads at once: a double click, two tabs."""
    return run_in_parallel(call, call)


def refusals(results: list[object]) -> int:
    """How many of the parallel calls a service refused."""
    from django.core.exceptions import ValidationError

    return sum(isinstance(result, ValidationError) for result in results)


@contextmanager
def saving_waits_for_the_other(model: type) -> Iterator[None]:
    """Two writers each read a row of `model`, then wait (briefly) for the other before
    saving it. A broken barrier means the other writer is blocked on the row lock: carry on."""
    barrier = threading.Barrier(2, timeout=2)

    def wait(sender, instance, **kwargs):
        with suppress(threading.BrokenBarrierError):
            barrier.wait()

    pre_save.connect(wait, sender=model)
    try:
        yield
    finally:
        pre_save.disconnect(wait, sender=model)
