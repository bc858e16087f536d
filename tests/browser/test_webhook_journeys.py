"""Webhooks in Chromium: a coordinator points the organization's webhook at a receiver on
this machine, sends a test event, and sees it delivered in the log; the receiver checks
the signature with the secret the page shows."""

import hashlib
import hmac
import json

import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.webhook_receiver import webhook_receiver

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_sets_a_webhook_and_sees_a_test_event_delivered(
    page, site, partners, assert_accessible, csp_violations
):
    sign_in(page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/partners/{partners.police.slug}/manage/")
    page.get_by_role("link", name="Webhook", exact=True).click()
    expect(page.get_by_role("heading", name="Set a webhook")).to_be_visible()
    expect(page.get_by_text("No deliveries yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("textbox", name="Address").fill("ftp://example.org/hook")
    page.get_by_role("button", name="Save the webhook").click()
    expect(page.get_by_text("Enter a whole web address").first).to_be_visible()

    with webhook_receiver() as receiver:
        page.get_by_role("textbox", name="Address").fill(receiver.url)
        page.get_by_role("button", name="Save the webhook").click()
        expect(page.get_by_text("The webhook was saved.")).to_be_visible()
        secret = page.get_by_label("Secret", exact=True).input_value()
        assert secret.startswith("bcpwh_")
        page.get_by_role("button", name="Send a test event").click()
        expect(page.get_by_text("A test event was sent")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="webhook.test")
    expect(row).to_contain_text("Delivered")
    expect(row).to_contain_text("200")
    assert_accessible(page)

    [received] = receiver.requests
    signed = received.headers["X-Portal-Timestamp"].encode() + b"." + received.body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    assert received.headers["X-Portal-Signature"] == expected
    assert json.loads(received.body)["organization"] == partners.police.name
    assert csp_violations == []
