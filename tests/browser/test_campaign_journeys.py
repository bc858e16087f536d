"""Campaign pages in Chromium: journeys from the home page, feeds, get help and exit; axe on
every campaign page at phone and desktop sizes."""

import feedparser
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from campaign.models import Pillar
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import each_passes_axe
from tests.factories import CourseFactory, NewsPostFactory, ResourceFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


CAMPAIGN_PAGES = [
    "/",
    "/pillars/prevention/",
    "/pillars/partnerships/",
    "/news/",
    "/news/?pillar=partnerships&partner=caceo",
    "/news/los-angeles-agreement/",
    "/impact/",
    "/plan/",
    "/plan/?status=done",
    "/get-help/",
    "/news/no-such-post/",
]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_campaign_pages_pass_axe_without_csp_violations(
    page, live_server, demo, assert_accessible, csp_violations, viewport
):
    page.set_viewport_size(viewport)
    each_passes_axe(
        page,
        live_server.url,
        CAMPAIGN_PAGES,
        assert_accessible,
        shown=lambda page: page.get_by_role("link", name="Exit this page"),
    )
    assert csp_violations == []


def test_a_visitor_goes_from_home_to_a_pillar_to_a_material_and_to_a_training(
    page, live_server, assert_accessible
):
    prevention = Pillar.objects.get(slug="prevention")
    course = CourseFactory(title="Indicators for School Staff")
    course.pillars.add(prevention)
    SessionFactory(course=course)
    card = ResourceFactory(title="Indicator Card for Educators")
    card.pillars.add(prevention)
    card.courses.add(course)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    page.get_by_role("link", name="Prevention", exact=True).click()
    expect(page.get_by_role("heading", name="Prevention", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Indicator Card for Educators").click()
    expect(page.get_by_role("heading", name="Indicator Card for Educators")).to_be_visible()
    page.get_by_role("link", name="Indicators for School Staff").click()
    expect(page.get_by_role("heading", name="Indicators for School Staff")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}{course.get_absolute_url()}")
    # And back on the pillar page, the training is listed there too.
    page.goto(f"{live_server.url}{prevention.get_absolute_url()}")
    expect(page.get_by_role("link", name="Indicators for School Staff")).to_be_visible()


def test_a_visitor_reads_a_news_post_and_finds_the_feeds(page, live_server, assert_accessible):
    NewsPostFactory(
        title="Los Angeles signs on",
        summary="City departments join the campaign.",
        body="# The agreement\n\nPolice, fire and port staff will be **trained**.",
    )
    page.goto(live_server.url)
    page.get_by_role("link", name="Los Angeles signs on").click()
    expect(page.get_by_role("heading", name="Los Angeles signs on", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="The agreement", level=2)).to_be_visible()
    assert_accessible(page)
    alternate = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    expect(alternate).to_have_count(1)
    for name, version in [("RSS feed", "rss20"), ("Atom feed", "atom10")]:
        href = page.get_by_role("link", name=name).get_attribute("href")
        feed = feedparser.parse(page.request.get(f"{live_server.url}{href}").body())
        assert feed.version == version and not feed.bozo
        assert feed.entries[0].title == "Los Angeles signs on"


@pytest.fixture
def neutral_site(page, settings):
    """Stands in for the neutral site: tests never leave this machine."""
    settings.EXIT_PAGE_URL = "https://neutral.example/weather"
    page.route("https://neutral.example/**", lambda route: route.fulfill(body="Weather"))
    return settings.EXIT_PAGE_URL


@pytest.mark.parametrize("start", ["/impact/", "/plan/", "/news/"])
def test_get_help_is_one_tap_from_any_page_and_exit_leaves_at_once(
    page, live_server, neutral_site, start
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{start}")
    page.get_by_role("link", name="How to report a suspected case and where to get help").click()
    expect(page.get_by_role("heading", name="Get help", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="1-888-373-7888").first).to_be_visible()
    page.get_by_role("link", name="Exit this page").click()
    expect(page).to_have_url(neutral_site)
