"""Steps that several browser journeys take."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from playwright.sync_api import expect

from campaign.models import User
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import DEFAULT_PASSWORD, StaffUserFactory


def current_totp_code(secret: str, *, at_least_seconds: int = 8) -> str:
    """The code of the current period, waiting for the next one when too little of this one
    is left to type it and submit it on a slow machine (allauth accepts no earlier code)."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < at_least_seconds:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def sign_in(page, base_url: str, email: str, password: str, *, totp_secret: str = "") -> None:
    """Signs in through the portal's form, answering the second factor when asked."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
        page.get_by_label("Code").fill(current_totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Successfully signed in")).to_be_visible()


def image_shown(image) -> bool:
    """True once the image (a locator) has loaded and has a size; False when it fails. An
    image still loading is waited for, not taken for broken."""
    return image.evaluate(
        """image => image.complete ? image.naturalWidth > 0 : new Promise(resolve => {
            image.addEventListener("load", () => resolve(image.naturalWidth > 0));
            image.addEventListener("error", () => resolve(false));
        })"""
    )


def admin_with_authenticator(**fields) -> tuple[User, str]:
    """A campaign admin (staff with an authenticator app turned on) and the app's secret."""
    admin = StaffUserFactory(**fields)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    return admin, secret


def sign_in_as_admin(page, base_url: str, **fields) -> User:
    """Makes a campaign admin and signs them in, answering the second factor."""
    admin, secret = admin_with_authenticator(**fields)
    sign_in(page, base_url, admin.email, DEFAULT_PASSWORD, totp_secret=secret)
    return admin


def check_both_sizes(page, assert_accessible) -> None:
    """axe on the page at phone size, then at desktop size."""
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page)


def fill_in(page, fields: dict[str, str]) -> None:
    """Fills a form's fields, found by their labels: types into text boxes and picks the
    option of that value or label in menus."""
    for label, value in fields.items():
        field = page.get_by_label(label)
        if field.evaluate("field => field.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def identifier(page):
    """The identifier in every page's footer."""
    return page.locator(".usa-identifier")


def each_passes_axe(page, base_url: str, paths, assert_accessible, *, shown=identifier) -> None:
    """Opens each path, waits until what every such page has (`shown(page)`) is visible, and
    runs axe on the page."""
    for path in paths:
        page.goto(f"{base_url}{path}")
        expect(shown(page)).to_be_visible()
        assert_accessible(page)


def send_empty_then_filled(page, button: str, fields: dict[str, str], assert_accessible) -> None:
    """Sends the form empty: the error summary comes, takes the focus and passes axe; then
    fills the form in with `fields` and sends it again."""
    send = page.get_by_role("button", name=button)
    send.click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    fill_in(page, fields)
    send.click()
