"""Capacity and queue order under concurrency, on PostgreSQL with real transactions.

The first test shows the race with the session lock taken out; the others show the lock
keeping capacity and waitlist order whatever arrives at once.
"""

import threading
import time
from contextlib import suppress

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from tests.concurrency import refusals, requires_postgres, run_in_parallel, run_twice_at_once
from tests.factories import OrganizationFactory, SessionFactory, UserFactory
from training import services
from training.models import Enrollment, Session

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]

CAPACITY = 3
PEOPLE = 8


def counting_waits_for_everyone(monkeypatch, parties: int):
    """Every enroll counts the seats, then waits (briefly) for the others to count too."""
    barrier = threading.Barrier(parties, timeout=2)
    count = services.registered_count

    def count_then_wait(session):
        seats = count(session)
        with suppress(threading.BrokenBarrierError):
            barrier.wait()
        return seats

    monkeypatch.setattr(services.enrollment, "registered_count", count_then_wait)


def enroll_everyone_at_once(session: Session, people) -> list:
    return run_in_parallel(*[lambda p=p: services.enroll(user=p, session=session) for p in people])


def statuses(session: Session) -> dict[str, int]:
    result: dict[str, int] = {}
    for status in Enrollment.objects.filter(session=session).values_list("status", flat=True):
        result[status] = result.get(status, 0) + 1
    return result


def test_without_the_lock_parallel_enrollments_overfill_the_session(monkeypatch):
    session = SessionFactory(capacity=CAPACITY)
    people = UserFactory.create_batch(PEOPLE)
    counting_waits_for_everyone(monkeypatch, PEOPLE)
    monkeypatch.setattr(
        services.enrollment,
        "_lock_session",
        lambda s: Session.objects.select_related("course").get(pk=s.pk),
    )
    enroll_everyone_at_once(session, people)
    assert statuses(session).get("registered", 0) > CAPACITY


def test_parallel_enrollments_fill_capacity_then_queue_in_arrival_order(monkeypatch):
    session = SessionFactory(capacity=CAPACITY)
    people = UserFactory.create_batch(PEOPLE)
    counting_waits_for_everyone(monkeypatch, PEOPLE)
    results = enroll_everyone_at_once(session, people)
    assert not [r for r in results if isinstance(r, Exception)]
    assert statuses(session) == {"registered": CAPACITY, "waitlisted": PEOPLE - CAPACITY}
    registered = Enrollment.objects.filter(session=session, status="registered")
    waitlisted = Enrollment.objects.filter(session=session, status="waitlisted")
    # Each enrollment is stamped after it got the lock: every seat went to an earlier arrival.
    assert max(e.queued_at for e in registered) < min(e.queued_at for e in waitlisted)


def full_session_with_queue(queued: int) -> tuple[Session, list, list]:
    """A session whose CAPACITY seats are taken, with `queued` people waiting in order."""
    session = SessionFactory(capacity=CAPACITY)
    seated = [services.enroll(user=UserFactory(), session=session) for _ in range(CAPACITY)]
    waiting = [services.enroll(user=UserFactory(), session=session) for _ in range(queued)]
    return session, seated, waiting


def test_cancel_and_enroll_at_once_promote_the_queue_not_the_newcomer(monkeypatch):
    session, seated, waiting = full_session_with_queue(2)
    newcomers = UserFactory.create_batch(3)
    results = run_in_parallel(
        lambda: services.cancel_enrollment(enrollment=seated[0], cancelled_by=None),
        *[lambda p=p: services.enroll(user=p, session=session) for p in newcomers],
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Enrollment.objects.get(pk=waiting[0].pk).status == "registered"
    assert statuses(session)["registered"] == CAPACITY
    queue = list(
        Enrollment.objects.filter(session=session, status="waitlisted").order_by("queued_at", "pk")
    )
    assert queue[0].pk == waiting[1].pk
    assert {e.user_id for e in queue[1:]} == {p.pk for p in newcomers}


def test_many_cancellations_at_once_promote_strictly_oldest_first():
    session, seated, waiting = full_session_with_queue(5)
    results = run_in_parallel(
        *[lambda e=e: services.cancel_enrollment(enrollment=e, cancelled_by=None) for e in seated]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    promoted = set(
        Enrollment.objects.filter(session=session, status="registered").values_list(
            "pk", flat=True
        )
    )
    assert promoted == {w.pk for w in waiting[:CAPACITY]}


def test_the_same_person_enrolling_twice_at_once_gets_one_enrollment():
    session = SessionFactory(capacity=CAPACITY)
    person = UserFactory()
    results = run_twice_at_once(lambda: services.enroll(user=person, session=session))
    assert Enrollment.objects.filter(session=session, user=person).count() == 1
    assert refusals(results) == 1


def test_an_admin_restricting_the_session_mid_enrollment_keeps_the_person_out(monkeypatch):
    """The enrollment passes its first eligibility check, an admin limits the session to a
    listed organization (holding the session row) at that moment; the enrollment waits for
    the lock and, checking again under it, refuses."""
    session = SessionFactory()
    person = UserFactory()
    both_ready = threading.Barrier(2, timeout=5)
    admission_problem = services.enrollment.access.admission_problem
    calls = []

    def check_then_let_the_admin_in(checked, organization_ids):
        problem = admission_problem(checked, organization_ids)
        calls.append(problem)
        if len(calls) == 1:
            both_ready.wait()
        return problem

    def restrict_session():
        with transaction.atomic():
            locked = Session.objects.select_for_update().get(pk=session.pk)
            both_ready.wait()
            locked.eligibility = Session.Eligibility.LISTED
            locked.save(update_fields=["eligibility"])
            locked.eligible_organizations.add(OrganizationFactory())
            time.sleep(0.3)  # the enrollment is now blocked on the session lock

    monkeypatch.setattr(
        services.enrollment.access, "admission_problem", check_then_let_the_admin_in
    )
    enrolled, _ = run_in_parallel(
        lambda: services.enroll(user=person, session=session), restrict_session
    )
    assert isinstance(enrolled, ValidationError)
    assert "arranged for" in " ".join(enrolled.messages)
    assert not Enrollment.objects.filter(session=session).exists()


def row_counts(session: Session) -> dict[str, int]:
    session.refresh_from_db()
    counts = {"registered": session.registered_seats, "waitlisted": session.waitlist_length}
    return {status: n for status, n in counts.items() if n}


def test_seat_counts_on_the_session_row_stay_exact_under_parallel_enrolls_and_cancels():
    session, seated, waiting = full_session_with_queue(2)
    newcomers = UserFactory.create_batch(5)
    results = run_in_parallel(
        *[lambda e=e: services.cancel_enrollment(enrollment=e, cancelled_by=None) for e in seated],
        lambda: services.cancel_enrollment(enrollment=waiting[1], cancelled_by=None),
        *[lambda p=p: services.enroll(user=p, session=session) for p in newcomers],
    )
    assert not [r for r in results if isinstance(r, Exception)]
    real = {k: v for k, v in statuses(session).items() if k != "cancelled"}
    # Live: the first waiting person and five newcomers.
    assert real == {"registered": CAPACITY, "waitlisted": 1 + 5 - CAPACITY}
    assert row_counts(session) == real
    assert services.resync_seat_counts() == 0


def test_resync_seat_counts_repairs_a_row_written_around_the_services():
    session = SessionFactory(capacity=CAPACITY)
    for _ in range(CAPACITY + 1):
        services.enroll(user=UserFactory(), session=session)
    Session.objects.filter(pk=session.pk).update(registered_seats=0, waitlist_length=9)
    assert services.resync_seat_counts() == 1
    assert row_counts(session) == {"registered": CAPACITY, "waitlisted": 1}
    assert services.resync_seat_counts() == 0


def test_cancelling_the_session_zeroes_its_seat_counts():
    session = SessionFactory(capacity=CAPACITY)
    for _ in range(CAPACITY + 1):
        services.enroll(user=UserFactory(), session=session)
    services.cancel_session(session=session, cancelled_by=UserFactory())
    assert row_counts(session) == {}
    assert services.resync_seat_counts() == 0
