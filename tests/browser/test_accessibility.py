"""The WCAG 2.2 AA failures found by hand (issue 16, items 1-9), one browser test each."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import current_totp_code
from tests.factories import (
    DEFAULT_PASSWORD,
    NewsPostFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SIGN_IN = re.compile(r"^sign in$", re.IGNORECASE)
# 400% zoom of a 1280 x 900 window, and 200%.
ZOOM_400 = {"width": 320, "height": 225}
ZOOM_200 = {"width": 640, "height": 450}

# True when the centre of `element` shows the element itself, not something on top of it.
NOT_COVERED = """element => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && (top === element || element.contains(top));
}"""


def test_1_the_focused_skip_link_shows_above_the_exit_bar(page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    # USWDS slides the link in: wait for it to settle uncovered.
    page.wait_for_function(f"() => ({NOT_COVERED})(document.activeElement)", timeout=3000)


def color_of(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).color")


def test_2_every_link_has_the_uswds_link_style(page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/get-help/")
    emergency = page.locator(".usa-alert--emergency a")
    # USWDS's light link color on the alert's dark red (base-lighter: 9.2:1), not the
    # browser's blue (1.38:1).
    assert color_of(emergency) == "rgb(223, 225, 226)"
    hotline = page.locator("main li a[href^='tel:']").first
    footer = page.locator("footer a[href^='tel:']").first
    for link in (hotline, footer):
        assert color_of(link) == "rgb(0, 94, 162)"
    page.goto(live_server.url)
    danger_box = page.locator(".usa-summary-box a[href^='tel:']").first
    card = page.locator(".usa-card__heading a").first
    for link in (danger_box, card):
        assert color_of(link) == "rgb(0, 94, 162)"


def test_2_every_heading_uses_one_typeface(page, live_server):
    ResourceFactory(title="Indicator Card for Educators")
    families = set()
    for path in ["/", "/materials/", "/get-help/", "/accounts/login/", "/trainings/"]:
        page.goto(f"{live_server.url}{path}")
        families |= set(
            page.eval_on_selector_all(
                "h1, h2, h3, h4", "all => all.map(h => getComputedStyle(h).fontFamily)"
            )
        )
    assert len(families) == 1, families


def test_4_at_high_zoom_the_exit_bar_covers_neither_the_page_nor_the_focused_field(
    page, live_server, assert_accessible
):
    page.set_viewport_size(ZOOM_400)
    page.goto(f"{live_server.url}/accounts/signup/")
    bar = page.get_by_role("complementary", name="Quick exit")
    assert bar.bounding_box()["height"] <= ZOOM_400["height"] / 4
    # Tab to the submit button at the bottom, then back: each field stays in sight.
    page.get_by_role("button", name=re.compile("sign up", re.IGNORECASE)).focus()
    for _field in range(3):
        page.keyboard.press("Shift+Tab")
        focused = page.locator(":focus")
        assert focused.evaluate(NOT_COVERED), focused.evaluate("e => e.outerHTML")
    # Still reachable: at the top of the page, and by Shift three times anywhere.
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.get_by_role("link", name="Exit this page")).to_be_in_viewport()


def test_5_the_sign_in_form_goes_from_email_to_password(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_focused()


def test_5_the_two_factor_code_field_is_ready_for_a_code_and_cleared_after_a_wrong_one(
    page, live_server, assert_accessible
):
    user = UserFactory(email="learner@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=SIGN_IN).click()
    code = page.get_by_label("Code")
    expect(code).to_be_focused()
    expect(code).to_have_attribute("inputmode", "numeric")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    code.fill("000000")
    page.get_by_role("button", name=SIGN_IN).click()
    # The error summary takes focus (and links to the field); the wrong code is gone.
    expect(page.get_by_role("alert").filter(has_text="Incorrect code")).to_be_focused()
    expect(page.get_by_label("Code")).to_have_value("")
    assert_accessible(page)
    page.get_by_label("Code").fill(current_totp_code(secret))
    page.get_by_role("button", name=SIGN_IN).click()
    expect(page.get_by_text("Successfully signed in")).to_be_visible()


def test_6_news_headings_follow_the_page_heading_without_skipping(
    page, live_server, assert_accessible
):
    NewsPostFactory(slug="levels", body="## Next steps\n\nText.\n\n#### Details\n\nMore.")
    page.goto(f"{live_server.url}/news/levels/")
    expect(page.get_by_role("heading", name="Next steps", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Details", level=3)).to_be_visible()
    assert_accessible(page)


def test_6_pages_of_two_sessions_of_one_course_have_different_titles(page, live_server):
    first = SessionFactory(course__title="Indicators at Work")
    second = SessionFactory(
        course=first.course, starts_at=first.starts_at.replace(year=first.starts_at.year + 1)
    )
    trainer = UserFactory()
    for session in (first, second):
        session.trainers.add(trainer)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(trainer.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=SIGN_IN).click()
    pages = [
        "/trainings/sessions/{}/attendance/",
        "/trainings/sessions/{}/sign-in-sheet/",
    ]
    for page_path in pages:
        titles = set()
        for session in (first, second):
            page.goto(live_server.url + page_path.format(session.pk))
            titles.add(page.title())
        assert len(titles) == 2, titles


def test_8_on_a_phone_the_materials_filters_are_folded_and_the_results_come_first(
    page, live_server, assert_accessible
):
    for number in range(3):
        ResourceFactory(title=f"Poster {number}")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/materials/?kind=poster")
    count = page.get_by_role("heading", name=re.compile(r"\d+ materials?"))
    expect(count).to_be_in_viewport()
    expect(page.get_by_text("Active filters")).to_be_visible()
    filters = page.get_by_role("button", name=re.compile("^Filter"))
    expect(filters).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name=re.compile("^Poster \\(")).first).to_be_hidden()
    assert_accessible(page)
    filters.click()
    expect(page.get_by_role("navigation", name="Filter materials")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    page.reload()
    expect(page.get_by_role("navigation", name="Filter materials")).to_be_visible()


@pytest.mark.parametrize(
    "path, a_filter",
    [
        ("/trainings/", "q=labor"),
        ("/partners/", "q=labor"),
        ("/news/", "pillar=prevention"),
        ("/plan/", "status=done"),
    ],
)
def test_8_on_a_phone_every_list_s_filters_fold_until_a_filter_is_set(
    page, live_server, assert_accessible, path, a_filter
):
    """The lists built on one page (filtered_list_page.html) show their results first on a
    phone, as the materials do; a person who has set a filter sees the form open."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{path}")
    toggle = page.get_by_role("button", name="Filter", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    search = page.get_by_role("main").get_by_role("search")
    expect(search).to_be_hidden()
    assert_accessible(page)
    toggle.click()
    expect(search).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}{path}?{a_filter}")
    expect(page.get_by_role("main").get_by_role("search")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("main").get_by_role("search")).to_be_visible()
    expect(page.get_by_role("button", name="Filter", exact=True)).to_be_hidden()


def test_8_the_hotline_is_on_the_first_screen_of_the_home_page_on_a_phone(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    expect(page.locator("main a[href^='tel:']").first).to_be_in_viewport()


def test_9_no_shift_hint_on_a_touch_screen(browser, live_server):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport=PHONE)
    phone = context.new_page()
    phone.goto(live_server.url)
    expect(phone.get_by_role("link", name="Exit this page")).to_be_visible()
    expect(phone.get_by_text("3 times")).to_be_hidden()
    context.close()


def test_9_the_shift_hint_stays_where_there_is_a_keyboard_and_a_mouse(page, live_server):
    page.goto(live_server.url)
    expect(page.get_by_text("3 times")).to_be_visible()


def test_9_hotline_numbers_never_break_across_lines(page, live_server):
    page.set_viewport_size({"width": 320, "height": 700})
    for path in ["/", "/get-help/"]:
        page.goto(f"{live_server.url}{path}")
        for number in page.locator("a[href^='tel:'], a[href^='sms:']").all():
            wrapping = number.evaluate("element => getComputedStyle(element).whiteSpace")
            lines = number.evaluate("element => element.getClientRects().length")
            assert (wrapping, lines) == ("nowrap", 1), number.inner_text()
