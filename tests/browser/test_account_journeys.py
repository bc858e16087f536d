"""Journeys through accounts in Chromium: sign up, verify, sign in, MFA, sign out."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from playwright.sync_api import expect

from campaign.models import User
from tests.browser.steps import current_totp_code, sign_in
from tests.factories import DEFAULT_PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_verify_sign_in_turn_on_mfa_and_sign_out(
    page, live_server, assert_accessible, csp_violations
):
    base = live_server.url
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Email").fill("code.officer@example.org")
    page.get_by_label("Full name").fill("Alex Rivera")
    page.get_by_label("Password", exact=False).first.fill(DEFAULT_PASSWORD)
    page.get_by_label("Password (again)").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    sign_in(page, base, "code.officer@example.org", DEFAULT_PASSWORD)

    # Turning on MFA asks for the password again, as allauth requires.
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    recovery_code = page.locator("#recovery_codes").input_value().split()[0]
    user = User.objects.get(email="code.officer@example.org")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    page.goto(f"{base}/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    # Signing in again now asks for the second factor; a recovery code answers it.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("code.officer@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Account")).to_be_attached()
    assert csp_violations == []


def test_staff_without_mfa_are_kept_out_of_the_admin(page, live_server):
    staff = StaffUserFactory()
    sign_in(page, live_server.url, staff.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/")
    expect(page.get_by_text("Turn on two-factor authentication")).to_be_visible()
    expect(page.get_by_text("Site administration")).to_have_count(0)


def test_a_mistyped_password_shows_an_error_summary(page, live_server, assert_accessible):
    staff = StaffUserFactory()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
