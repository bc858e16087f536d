"""Each resources service records who did what to which record, and why, in the audit log."""

import pytest
from django.core import mail
from django.urls import reverse

from resources import services
from resources.models import Resource
from tests.audit import logged
from tests.factories import ResourceFactory, UserFactory, place_material_order

pytestmark = pytest.mark.django_db


def test_each_step_of_a_shipped_order_is_logged_with_the_admin_who_took_it(campaign_admin):
    requester = UserFactory()
    shipped = place_material_order(
        items=[(ResourceFactory(orderable=True), 5)], requester=requester
    )
    services.approve_order(order=shipped, decided_by=campaign_admin)
    services.ship_order(order=shipped, shipped_by=campaign_admin, tracking_number=" 1Z999 ")
    assert logged(shipped) == [
        ("resources.order.place", requester, ""),
        ("resources.order.approve", campaign_admin, ""),
        ("resources.order.ship", campaign_admin, ""),
    ]
    shipped.refresh_from_db()
    assert shipped.tracking_number == "1Z999"


def test_a_rejected_order_is_logged_with_the_admin_and_the_reason(campaign_admin):
    rejected = place_material_order(items=[(ResourceFactory(orderable=True), 5)])
    services.reject_order(order=rejected, decided_by=campaign_admin, reason="Out of stock.")
    assert logged(rejected) == [
        ("resources.order.place", None, ""),
        ("resources.order.reject", campaign_admin, "Out of stock."),
    ]


def test_the_shipped_email_carries_the_tracking_number(
    campaign_admin, django_capture_on_commit_callbacks
):
    order = place_material_order(items=[(ResourceFactory(orderable=True), 5)])
    services.approve_order(order=order, decided_by=campaign_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.ship_order(order=order, shipped_by=campaign_admin, tracking_number="1Z999AA1")
    assert "1Z999AA1" in mail.outbox[-1].body


def test_publishing_materials_from_the_admin_is_logged_per_material(client, campaign_admin):
    draft = ResourceFactory(published=False)
    already = ResourceFactory(published=True)
    client.force_login(campaign_admin)
    client.post(
        reverse("admin:resources_resource_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, already.pk]},
    )
    assert Resource.objects.get(pk=draft.pk).published
    assert logged(draft) == [("resources.material.publish", campaign_admin, "")]
    assert logged(already) == []
    client.post(
        reverse("admin:resources_resource_changelist"),
        {"action": "unpublish", "_selected_action": [draft.pk]},
    )
    assert not Resource.objects.get(pk=draft.pk).published
    assert logged(draft)[-1] == ("resources.material.unpublish", campaign_admin, "")


def test_the_ship_action_asks_for_a_tracking_number_and_passes_it_on(client, campaign_admin):
    order = place_material_order(items=[(ResourceFactory(orderable=True), 5)])
    services.approve_order(order=order, decided_by=campaign_admin)
    client.force_login(campaign_admin)
    url = reverse("admin:resources_materialorder_ship", args=[order.pk])
    assert "Tracking number (optional)" in client.get(url).content.decode()
    response = client.post(url, {"tracking_number": "9400 1000 0000"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.tracking_number) == ("shipped", "9400 1000 0000")
