"""Evaluations under concurrency, on PostgreSQL: the enrollment lock keeps one evaluation
and one certificate whatever arrives at once; without it, two submissions race past the
"already answered?" check into the database's one-per-enrollment rule."""

import threading
from contextlib import suppress

import pytest
from django.db import IntegrityError

from tests.concurrency import refusals, requires_postgres, run_in_parallel, run_twice_at_once
from tests.training.sessions import attended_ended, evaluate
from training import access, services
from training.models import Certificate, Enrollment, Evaluation

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def checking_waits_for_everyone(monkeypatch, parties: int) -> None:
    """Each submission passes its checks, then waits for the others to get that far."""
    barrier = threading.Barrier(parties, timeout=2)
    check = access.evaluation_problem

    def check_then_wait(*args, **kwargs):
        problem = check(*args, **kwargs)
        with suppress(threading.BrokenBarrierError):
            barrier.wait()
        return problem

    monkeypatch.setattr(access, "evaluation_problem", check_then_wait)


def required() -> Enrollment:
    return attended_ended(issues_certificates=True, requires_evaluation=True)


def test_without_the_lock_two_submissions_race_into_the_constraint(monkeypatch):
    enrollment = required()
    checking_waits_for_everyone(monkeypatch, 2)
    monkeypatch.setattr(
        services.evaluations,
        "_lock_enrollment",
        lambda e: Enrollment.objects.select_related("session__course", "user").get(pk=e.pk),
    )
    results = run_twice_at_once(lambda: evaluate(enrollment))
    assert any(isinstance(result, IntegrityError) for result in results)
    assert Evaluation.objects.count() == 1


def test_two_submissions_at_once_keep_one_evaluation_and_one_certificate(monkeypatch):
    enrollment = required()
    checking_waits_for_everyone(monkeypatch, 2)
    results = run_twice_at_once(lambda: evaluate(enrollment))
    assert refusals(results) == 1
    assert Evaluation.objects.count() == 1
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_a_submission_and_the_issuing_job_at_once_issue_one_certificate():
    enrollment = required()
    results = run_in_parallel(lambda: evaluate(enrollment), services.issue_due_certificates)
    assert not [result for result in results if isinstance(result, Exception)]
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
