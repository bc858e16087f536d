"""The layout in Chromium: accessible at phone and desktop sizes, strict CSP, exit control."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/get-help/", "/no-such-page/"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_pass_axe_without_csp_violations(
    page, live_server, assert_accessible, csp_violations, viewport, path
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("link", name="Exit this page")).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []


def test_the_mobile_menu_opens_and_shows_navigation(page, live_server, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("navigation", name="Primary")).to_be_visible()
    expect(page.get_by_role("link", name="Get help").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_language_switch_is_in_sight_and_takes_a_tap(page, live_server, viewport):
    """The quick-exit bar above the header must not cover "Español": on a phone the
    switch sits in the header's top row, where a visitor looks for it."""
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/trainings/")
    switch = page.get_by_role("button", name="Español")
    expect(switch).to_be_in_viewport()
    box = switch.bounding_box()
    exit_bar = page.get_by_role("complementary", name="Quick exit").bounding_box()
    assert box["y"] >= exit_bar["y"] + exit_bar["height"], (box, exit_bar)
    switch.click(trial=True)  # fails when another element would take the tap
    switch.click()
    expect(page).to_have_url(f"{live_server.url}/es/trainings/")
    expect(page.get_by_role("button", name="English")).to_be_in_viewport()


@pytest.fixture
def neutral_site(page, settings):
    """Stands in for the neutral site: tests never leave this machine."""
    settings.EXIT_PAGE_URL = "https://neutral.example/weather"
    page.route("https://neutral.example/**", lambda route: route.fulfill(body="Weather"))
    return settings.EXIT_PAGE_URL


def test_exit_this_page_button_leaves_at_once(page, live_server, neutral_site):
    page.goto(f"{live_server.url}/get-help/")
    page.get_by_role("link", name="Exit this page").click()
    expect(page).to_have_url(neutral_site)


def test_pressing_shift_three_times_leaves_the_page(page, live_server, neutral_site):
    page.goto(f"{live_server.url}/get-help/")
    for _press in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_url(neutral_site)


def test_shift_presses_broken_by_other_keys_do_not_leave(page, live_server, neutral_site):
    page.goto(f"{live_server.url}/get-help/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/get-help/"


def test_the_browser_enforces_the_policy_on_injected_script(page, live_server, csp_violations):
    """An inline script slipped into a page is refused by the browser, not run."""
    page.goto(live_server.url)
    # Waits for the browser's report of the refusal instead of a fixed time.
    with page.expect_console_message(lambda message: "script-src" in message.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "document.body.dataset.injected = 'ran'";
                document.body.appendChild(script);
            }"""
        )
    assert page.evaluate("document.body.dataset.injected") is None
    assert any("script-src" in violation for violation in csp_violations)
