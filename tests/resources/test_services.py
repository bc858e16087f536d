"""Downloads, orders and order status moves, through the services."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from resources import services
from resources.models import DownloadMonth, MaterialOrder, OrderItem, Resource
from tests.factories import (
    MembershipFactory,
    ResourceFactory,
    place_material_order,
)

pytestmark = pytest.mark.django_db


def order_for(items, **extra) -> MaterialOrder:
    return place_material_order(items=items, **extra)


def test_a_download_counts_on_the_material_and_in_this_month():
    resource = ResourceFactory()
    for _ in range(3):
        services.record_download(resource=resource)
    resource.refresh_from_db()
    assert resource.download_count == 3
    month = timezone.now().date().replace(day=1)
    assert DownloadMonth.objects.get(resource=resource).month == month
    assert DownloadMonth.objects.get(resource=resource).count == 3


def test_placing_an_order_creates_it_with_its_items_and_emails_a_confirmation(
    django_capture_on_commit_callbacks,
):
    poster = ResourceFactory(title="Lobby Poster", orderable=True, max_per_order=50)
    card = ResourceFactory(title="Indicator Card", orderable=True, max_per_order=200)
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for([(poster, 20), (card, 150), (ResourceFactory(orderable=True), 0)])
    assert order.status == "submitted"
    assert list(order.items.values_list("resource__title", "quantity")) == [
        ("Indicator Card", 150),
        ("Lobby Poster", 20),
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat@example.org"]
    assert "150 x Indicator Card" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("extra", "quantity", "message"),
    [
        ({"orderable": False}, 5, "cannot be ordered in print"),
        ({"published": False}, 5, "cannot be ordered in print"),
        ({"visibility": "partners"}, 5, "cannot be ordered in print"),
        ({}, 51, "order between 1 and 50 copies"),
        ({}, 0, "Choose at least one material"),
    ],
)
def test_an_order_that_breaks_a_rule_is_refused_and_saves_nothing(extra, quantity, message):
    resource = ResourceFactory(**{"orderable": True, "max_per_order": 50, **extra})
    with pytest.raises(ValidationError, match=message):
        order_for([(resource, quantity)])
    assert not MaterialOrder.objects.exists() and not OrderItem.objects.exists()


def test_a_partner_may_order_a_partner_only_material():
    member = MembershipFactory().user
    resource = ResourceFactory(orderable=True, visibility="partners")
    order = order_for([(resource, 3)], requester=member)
    assert order.items.get().quantity == 3


def test_an_order_moves_submitted_approved_shipped_emailing_each_step(
    django_capture_on_commit_callbacks,
):
    order = order_for([(ResourceFactory(orderable=True), 5)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_order(order=order, decided_by=None)
        services.ship_order(order=order, shipped_by=None)
    order.refresh_from_db()
    assert order.status == "shipped" and order.approved_at and order.shipped_at
    assert [m.subject.split("] ")[1] for m in mail.outbox] == [
        f"Your order {order.pk} is approved",
        f"Your order {order.pk} has shipped",
    ]


def test_a_rejection_needs_a_reason_and_sends_it(django_capture_on_commit_callbacks):
    order = order_for([(ResourceFactory(orderable=True), 5)])
    with pytest.raises(ValidationError, match="Give the reason"):
        services.reject_order(order=order, decided_by=None, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_order(order=order, decided_by=None, reason="Out of stock.")
    order.refresh_from_db()
    assert order.status == "rejected" and order.rejected_at
    assert "Reason: Out of stock." in mail.outbox[0].body


@pytest.mark.parametrize(
    ("moves", "then", "message"),
    [
        ([], "ship", "is submitted; it cannot be shipped now"),
        (["approve"], "approve", "is approved; it cannot be approved now"),
        (["approve", "ship"], "reject", "is shipped; it cannot be rejected now"),
    ],
)
def test_a_move_out_of_order_is_refused(moves, then, message):
    order = order_for([(ResourceFactory(orderable=True), 5)])
    calls = {
        "approve": lambda: services.approve_order(order=order, decided_by=None),
        "ship": lambda: services.ship_order(order=order, shipped_by=None),
        "reject": lambda: services.reject_order(order=order, decided_by=None, reason="No."),
    }
    for move in moves:
        calls[move]()
    with pytest.raises(ValidationError, match=message):
        calls[then]()


def test_constraints_back_the_rules():
    from django.db import IntegrityError

    resource = ResourceFactory(language="es", translation_group=None)
    with pytest.raises(IntegrityError):
        Resource.objects.filter(pk=resource.pk).update(max_per_order=0)
