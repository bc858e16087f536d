"""A person's own data in Chromium: they sign in, download their data, delete their
account; the impact page's figures do not move, they cannot sign in again, and their
certificate verifies as "issued, holder withdrew". axe on the new pages, phone and desktop."""

import json

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import each_passes_axe, sign_in
from tests.factories import DEFAULT_PASSWORD, MembershipFactory
from tests.privacy import EMAIL, NAME, person_with_everything

pytestmark = pytest.mark.django_db(transaction=True)


def impact_figures(page, base_url: str) -> str:
    """The impact page's text, computed afresh from the records (no kept figures)."""
    cache.clear()
    page.goto(f"{base_url}/impact/")
    return page.locator("main").inner_text()


def test_a_person_downloads_their_data_then_deletes_their_account(
    page, site, assert_accessible, csp_violations
):
    rosa = person_with_everything()
    page.set_viewport_size(DESKTOP)
    figures_before = impact_figures(page, site)
    assert "people trained" in figures_before

    sign_in(page, site, EMAIL, DEFAULT_PASSWORD, totp_secret=rosa.totp_secret)
    page.get_by_role("button", name="Account").click()
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    download = download_info.value
    assert download.suggested_filename.startswith("my-data-")
    data = json.loads(download.path().read_text(encoding="utf-8"))
    assert data["account"]["name"] == NAME
    assert data["certificates"][0]["code"] == rosa.certificate.code
    assert data["material_orders"][0]["shipping_address"].startswith("12 Hidden Lane")

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="What stays, without your name")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("This is not your password.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account was deleted.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    assert impact_figures(page, site) == figures_before

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("not correct")).to_be_visible()

    page.goto(f"{site}/certificates/verify/{rosa.certificate.code}/")
    expect(page.get_by_text("Issued, holder withdrew")).to_be_visible()
    expect(page.get_by_text(NAME)).to_have_count(0)
    assert csp_violations == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_data_pages_and_the_refusal_pass_axe(page, site, assert_accessible, viewport):
    """The only coordinator of an organization sees why their account cannot go yet."""
    coordinator = MembershipFactory(role="coordinator").user
    page.set_viewport_size(viewport)
    sign_in(page, site, coordinator.email, DEFAULT_PASSWORD)
    each_passes_axe(
        page,
        site,
        ["/accounts/your-data/", "/accounts/delete/", "/es/accounts/your-data/"],
        assert_accessible,
    )
    page.goto(f"{site}/accounts/delete/")
    expect(page.get_by_text("Your account cannot be deleted yet")).to_be_visible()
