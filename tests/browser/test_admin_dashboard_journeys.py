"""The admin's dashboard in Chromium: an admin signs in, sees what waits for someone, follows
a line to the filtered list, ships an order with a tracking number and reads the order's
history and the audit log; axe at phone and desktop size on each page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from resources import services
from resources.models import MaterialOrder
from tests.browser.steps import admin_with_authenticator, check_both_sizes, sign_in
from tests.factories import (
    DEFAULT_PASSWORD,
    CourseFactory,
    ResourceFactory,
    SessionFactory,
    place_material_order,
)

pytestmark = pytest.mark.django_db(transaction=True)


def later_today():
    """A start on the site's today whatever the hour: 20 minutes from now, or a minute past
    midnight when that would be tomorrow already."""
    now = timezone.localtime()
    soon = now + timedelta(minutes=20)
    if soon.date() == now.date():
        return soon
    return now.replace(hour=0, minute=1, second=0, microsecond=0)


def test_an_admin_goes_from_the_dashboard_to_the_waiting_orders_and_ships_one(
    page, site, assert_accessible
):
    admin, secret = admin_with_authenticator(name="Robin Admin")
    poster = ResourceFactory(title="Lobby Poster", orderable=True)
    waiting = place_material_order(items=[(poster, 20)], organization_name="Harbor Library")
    approved = place_material_order(items=[(poster, 5)], organization_name="Dock Office")
    services.approve_order(order=approved, decided_by=admin)
    SessionFactory(
        course=CourseFactory(title="Harbor Patrol Basics"),
        starts_at=later_today(),
    )

    sign_in(page, site, admin.email, DEFAULT_PASSWORD, totp_secret=secret)
    page.goto(f"{site}/admin/")
    expect(page.get_by_role("table", name="Print orders")).to_be_visible()
    to_approve = page.get_by_role("row", name="Print orders to approve")
    expect(to_approve).to_contain_text("1")
    expect(page.get_by_role("table", name="Today's sessions")).to_contain_text(
        "Harbor Patrol Basics"
    )
    check_both_sizes(page, assert_accessible)

    to_approve.get_by_role("link").click()
    expect(page.get_by_role("link", name=str(waiting.pk), exact=True)).to_be_visible()
    expect(page.get_by_text("Dock Office")).to_have_count(0)

    page.goto(f"{site}/admin/")
    page.get_by_role("link", name="Approved print orders to ship").click()
    page.get_by_role("link", name=str(approved.pk), exact=True).click()
    page.get_by_role("link", name="Mark shipped (with a tracking number)").click()
    check_both_sizes(page, assert_accessible)
    page.get_by_label("Tracking number (optional)").fill("1Z999AA10123456784")
    mail.outbox.clear()
    page.get_by_role("button", name="Mark shipped").click()
    expect(page.get_by_text(f"Order {approved.pk} marked shipped")).to_be_visible()
    approved.refresh_from_db()
    assert (approved.status, approved.tracking_number) == ("shipped", "1Z999AA10123456784")
    assert "1Z999AA10123456784" in mail.outbox[-1].body

    page.get_by_role("link", name="History").click()
    history = page.get_by_role("table", name="The record's log, newest first")
    expect(history.get_by_role("row").nth(1)).to_contain_text("resources.order.ship")
    expect(history).to_contain_text("resources.order.approve")
    check_both_sizes(page, assert_accessible)

    page.get_by_role("link", name="The whole audit log").click()
    page.get_by_role("textbox").first.fill("Dock Office")
    page.keyboard.press("Enter")
    expect(page.locator("#result_list")).to_contain_text("resources.order.ship")
    expect(page.locator("#result_list")).not_to_contain_text("Harbor Library")
    check_both_sizes(page, assert_accessible)
    assert MaterialOrder.objects.get(pk=waiting.pk).status == "submitted"
