"""Helpers for tests that race real transactions against each other on PostgreSQL."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serializes every write",
)


def run_in_parallel(*calls: Callable[[], object]) -> list[object]:
    """Runs each call in its own thread and connection; returns results or exceptions."""
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
        thread.join(timeout=30)
    return results
