"""The finished look and the demo's story, in Chromium at phone and desktop sizes: the home
hero's drawing, drawn thumbnails, an anonymous visitor who wants to apply, and self
check-in to the demo's session on now."""

import io
import re

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from campaign.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import image_shown, sign_in
from training import checkin
from training.demo import LEARNERS, LIVE_JOIN_URL

pytestmark = pytest.mark.django_db(transaction=True)

HEART = (0, 189, 227)  # the drawing's cyan heart


def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_hero_is_filled_by_the_drawing(page, live_server, assert_accessible, viewport):
    """The drawing spans the hero from edge to edge, and its heart shows beside the callout
    (desktop) or below it (phone)."""
    page.set_viewport_size(viewport)
    page.goto(live_server.url)
    hero = page.locator(".portal-hero")
    assert "hero.svg" in hero.evaluate("element => getComputedStyle(element).backgroundImage")
    shot = Image.open(io.BytesIO(hero.screenshot())).convert("RGB")
    width, height = shot.size
    assert width == viewport["width"]
    callout = page.locator(".usa-hero__callout").bounding_box()
    top = hero.bounding_box()["y"]
    # Where the callout does not cover it: right of it on a desktop, under it on a phone.
    if viewport is DESKTOP:
        box = (round(callout["x"] + callout["width"]), 0, width, height)
    else:
        box = (0, round(callout["y"] + callout["height"] - top), width, height)
    free = shot.crop(box)
    raw = free.tobytes()  # RGB, three bytes a pixel
    heart = sum(1 for at in range(0, len(raw), 3) if _near(raw[at : at + 3], HEART))
    assert heart > 200, heart
    for column in (2, width - 3):  # both edges carry the drawing, not a flat colour
        colours = {shot.getpixel((column, y)) for y in range(height // 2, height)}
        assert len(colours) > 3, column
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_demo_material_shows_a_drawn_thumbnail(
    page, live_server, assert_accessible, viewport
):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/materials/?language=zh")
    expect(page.get_by_role("link", name="人口贩运识别卡")).to_be_visible()
    page.goto(f"{live_server.url}/materials/")
    items = page.locator(".usa-collection__item")
    thumbnails = page.locator(".usa-collection__item img")
    expect(thumbnails.first).to_be_visible()
    assert thumbnails.count() == items.count() > 0
    for index in range(thumbnails.count()):
        assert image_shown(thumbnails.nth(index)), index
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_anonymous_visitor_who_wants_to_apply_is_told_to_make_an_account(
    page, live_server, assert_accessible, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url)
    page.get_by_role("link", name="Become a partner").first.click()
    expect(page.get_by_role("heading", name="An account comes first")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Create an account").first.click()
    expect(page).to_have_url(f"{live_server.url}/accounts/signup/?next=/partners/apply/")


def test_a_learner_checks_in_to_the_demo_session_on_now_as_soon_as_it_is_loaded(
    page, other_page, site, assert_accessible
):
    """README's story: the demo trainer shows the code, a demo learner types it."""
    from training.models import Session

    call_command("load_demo", stdout=io.StringIO())
    live = Session.objects.get(join_url=LIVE_JOIN_URL)
    sign_in(page, site, "coordinator@demo.blue-campaign.test", DEMO_PASSWORD)
    page.goto(f"{site}/trainings/teaching/")
    expect(page.get_by_role("link", name=live.course.title).first).to_be_visible()
    page.goto(f"{site}/trainings/sessions/{live.pk}/attendance/")
    shown = page.locator("[data-check-in-code]")
    expect(shown).to_have_text(re.compile(r"^\s*[A-Z2-9]{6}\s*$"))
    code = shown.inner_text().strip()
    assert checkin.short_code_is_current(live, code)

    other_page.set_viewport_size(PHONE)
    sign_in(other_page, site, LEARNERS[0][0], DEMO_PASSWORD)
    other_page.goto(f"{site}/trainings/check-in/")
    other_page.get_by_label("Check-in code").fill(code)
    other_page.get_by_role("button", name="Check in").click()
    expect(other_page.get_by_role("heading", name="You are checked in")).to_be_visible()
    assert_accessible(other_page)
    other_page.goto(f"{site}{live.get_absolute_url()}")
    assert_accessible(other_page)
