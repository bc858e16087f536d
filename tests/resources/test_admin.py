"""Campaign admins run materials and print orders from the admin."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from resources import services
from resources.models import MaterialOrder, Resource, TranslationGroup
from tests.factories import MaterialOrderFactory, ResourceFactory, place_material_order

pytestmark = pytest.mark.django_db


def submitted_order(**extra) -> MaterialOrder:
    poster = ResourceFactory(title="Lobby Poster", orderable=True)
    return place_material_order(items=[(poster, 25)], **extra)


def test_admin_pages_render(admin_client):
    group = TranslationGroup.objects.create(name="Indicator card")
    resource = ResourceFactory(translation_group=group)
    ResourceFactory(translation_group=group, language="es")
    order = submitted_order()
    for url in [
        reverse("admin:resources_resource_changelist"),
        reverse("admin:resources_resource_changelist") + "?q=poster&visibility__exact=public",
        reverse("admin:resources_resource_change", args=[resource.pk]),
        reverse("admin:resources_resource_add"),
        reverse("admin:resources_translationgroup_changelist"),
        reverse("admin:resources_translationgroup_change", args=[group.pk]),
        reverse("admin:resources_materialorder_changelist"),
        reverse("admin:resources_materialorder_change", args=[order.pk]),
    ]:
        assert admin_client.get(url).status_code == 200, url
    stored = admin_client.get(reverse("admin:resources_resource_file", args=[resource.pk]))
    assert b"".join(stored.streaming_content).startswith(b"%PDF")
    assert Resource.objects.get(pk=resource.pk).download_count == 0


def test_publish_and_unpublish_actions(admin_client):
    resource = ResourceFactory(published=False)
    url = reverse("admin:resources_resource_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [resource.pk]})
    assert Resource.objects.get(pk=resource.pk).published
    admin_client.post(url, {"action": "unpublish", "_selected_action": [resource.pk]})
    assert not Resource.objects.get(pk=resource.pk).published


def test_the_language_view_shows_the_gaps(admin_client):
    group = TranslationGroup.objects.create(name="Indicator card")
    ResourceFactory(title="Indicator Card", translation_group=group, language="en")
    ResourceFactory(title="Tarjeta", translation_group=group, language="es")
    ResourceFactory(title="Lobby Poster", language="en")
    response = admin_client.get(reverse("admin:resources_translationgroup_coverage"))
    table = {row["name"]: row["cells"] for row in response.context["table"]}
    assert [code for code, _label in response.context["languages"]] == ["en", "es"]
    assert [bool(r) for _code, r in table["Indicator card"]] == [True, True]
    assert [bool(r) for _code, r in table["Lobby Poster"]] == [True, False]
    assert "missing" in response.content.decode()


def test_status_actions_move_orders_and_email_the_requester(
    admin_client, django_capture_on_commit_callbacks
):
    order = submitted_order()
    url = reverse("admin:resources_materialorder_changelist")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "ship_selected", "_selected_action": [order.pk]})
    assert MaterialOrder.objects.get(pk=order.pk).status == "submitted" and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "approve_selected", "_selected_action": [order.pk]})
        admin_client.post(url, {"action": "ship_selected", "_selected_action": [order.pk]})
    assert MaterialOrder.objects.get(pk=order.pk).status == "shipped"
    assert len(mail.outbox) == 2


def test_reject_asks_for_a_reason_then_emails_it(admin_client, django_capture_on_commit_callbacks):
    order = submitted_order()
    response = admin_client.post(
        reverse("admin:resources_materialorder_changelist"),
        {"action": "reject_selected", "_selected_action": [order.pk]},
    )
    reject_url = response["Location"]
    assert admin_client.get(reject_url).status_code == 200
    admin_client.post(reject_url, {"reason": ""})
    assert MaterialOrder.objects.get(pk=order.pk).status == "submitted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reject_url, {"reason": "Out of print stock."})
    order.refresh_from_db()
    assert (order.status, order.rejection_reason) == ("rejected", "Out of print stock.")
    assert "Out of print stock." in mail.outbox[0].body
    assert admin_client.get(reject_url.split("?")[0] + "?ids=x,,9999").status_code == 200


def test_packing_list_lists_approved_orders_only(admin_client, campaign_admin):
    approved = submitted_order(organization_name="Approved Library")
    services.approve_order(order=approved, decided_by=None)
    waiting = submitted_order(organization_name="=HYPERLINK(evil)")
    response = admin_client.post(
        reverse("admin:resources_materialorder_changelist"),
        {"action": "packing_list", "_selected_action": [approved.pk, waiting.pk]},
    )
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [(r["Organization"], r["Material"], r["Copies"]) for r in rows] == [
        ("Approved Library", "Lobby Poster", "25")
    ]
    assert rows[0]["Ship to"] == "742 Evergreen Terrace, Springfield, OR 97403"


def test_order_items_are_locked_once_an_order_moves_on(admin_client, campaign_admin):
    order = MaterialOrderFactory()
    services.approve_order(order=order, decided_by=None)
    response = admin_client.get(reverse("admin:resources_materialorder_change", args=[order.pk]))
    inline = response.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission and not inline.has_change_permission
