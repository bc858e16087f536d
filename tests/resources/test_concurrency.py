"""Download counts and order status moves under concurrency, on PostgreSQL.

The first status test shows the race with the order lock taken out; the others show the
F() updates and the row lock keeping counts exact and transitions single.
"""

import threading
from contextlib import suppress

import pytest
from django.core import mail

from resources import services
from resources.models import DownloadMonth, MaterialOrder, Resource
from tests.concurrency import refusals, requires_postgres, run_in_parallel
from tests.factories import (
    MaterialOrderFactory,
    ResourceFactory,
    place_material_order,
)

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]

DOWNLOADS = 12


def test_parallel_downloads_count_exactly():
    resource = ResourceFactory()
    results = run_in_parallel(
        *[lambda: services.record_download(resource=resource) for _ in range(DOWNLOADS)]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    resource.refresh_from_db()
    assert resource.download_count == DOWNLOADS
    # The first downloads of a month race to create its row; every one still counts.
    assert DownloadMonth.objects.get(resource=resource).count == DOWNLOADS


def reading_waits_for_everyone(monkeypatch, parties: int, *, lock: bool):
    """Each move reads the order (with or without its lock), then waits for the others."""
    barrier = threading.Barrier(parties, timeout=2)

    def read_then_wait(order):
        rows = MaterialOrder.objects.select_for_update() if lock else MaterialOrder.objects
        found = rows.get(pk=order.pk)
        with suppress(threading.BrokenBarrierError):
            barrier.wait()
        return found

    monkeypatch.setattr(services, "_lock_order", read_then_wait)


def approve_twice_at_once(order: MaterialOrder) -> list:
    return run_in_parallel(
        lambda: services.approve_order(order=order, decided_by=None),
        lambda: services.approve_order(order=order, decided_by=None),
    )


def test_without_the_lock_two_admins_both_approve_and_two_emails_go(monkeypatch):
    order = MaterialOrderFactory()
    reading_waits_for_everyone(monkeypatch, 2, lock=False)
    mail.outbox.clear()
    results = approve_twice_at_once(order)
    assert not [r for r in results if isinstance(r, Exception)]
    assert len(mail.outbox) == 2


def test_two_admins_approving_at_once_make_one_transition_and_one_email(monkeypatch):
    order = MaterialOrderFactory()
    reading_waits_for_everyone(monkeypatch, 2, lock=True)
    mail.outbox.clear()
    results = approve_twice_at_once(order)
    assert refusals(results) == 1
    assert sum(isinstance(r, MaterialOrder) for r in results) == 1
    assert MaterialOrder.objects.get(pk=order.pk).status == "approved"
    assert len(mail.outbox) == 1


def test_ship_and_reject_at_once_leave_one_outcome():
    order = MaterialOrderFactory()
    services.approve_order(order=order, decided_by=None)
    mail.outbox.clear()
    results = run_in_parallel(
        lambda: services.ship_order(order=order, shipped_by=None),
        lambda: services.reject_order(order=order, decided_by=None, reason="Out of stock."),
    )
    assert refusals(results) == 1
    order.refresh_from_db()
    assert order.status in {"shipped", "rejected"}
    assert bool(order.shipped_at) != bool(order.rejected_at)
    assert len(mail.outbox) == 1


def test_parallel_orders_each_get_their_items():
    poster = ResourceFactory(orderable=True, max_per_order=10)
    results = run_in_parallel(
        *[
            lambda n=n: place_material_order(
                items=[(poster, 1 + n)], email=f"person{n}@example.org"
            )
            for n in range(6)
        ]
    )
    assert all(isinstance(r, MaterialOrder) for r in results)
    assert sorted(o.items.get().quantity for o in MaterialOrder.objects.all()) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    assert Resource.objects.get(pk=poster.pk).order_items.count() == 6
