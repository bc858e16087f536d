import threading

import pytest

from tests import concurrency


def test_a_thread_that_does_not_finish_fails_the_test(monkeypatch):
    monkeypatch.setattr(concurrency, "JOIN_SECONDS", 0.05)
    release = threading.Event()
    with pytest.raises(pytest.fail.Exception, match=r"call\(s\) \[1\] did not finish"):
        concurrency.run_in_parallel(lambda: "done", lambda: release.wait(5))
    release.set()


def test_results_and_exceptions_come_back_in_order():
    def refuse():
        raise ValueError("no")

    done, refused = concurrency.run_in_parallel(lambda: "done", refuse)
    assert done == "done" and isinstance(refused, ValueError)
