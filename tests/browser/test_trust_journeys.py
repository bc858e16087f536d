"""The trust pages, the site-wide search and partner logos in Chromium: axe at phone and
desktop sizes, and the journeys a visitor takes (footer link to the privacy notice, a message
through the contact form, a search from the header)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from campaign.models import ContactMessage
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import each_passes_axe, image_shown, send_empty_then_filled
from tests.factories import (
    CourseFactory,
    NewsPostFactory,
    OrganizationFactory,
    ResourceFactory,
    SessionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

TRUST_PAGES = [
    "/about/",
    "/privacy/",
    "/accessibility/",
    "/contact/",
    "/es/privacy/",
    "/search/",
    "/search/?q=labor",
    "/es/search/?q=trabajo",
    "/search/?q=nothing-matches-this",
    "/partners/",
    "/partners/farm-labor-coalition/",
]


@pytest.fixture
def records(db):
    """One public record of each searchable kind, beside the trust pages' first texts."""
    ResourceFactory(title="Farmworker labor trafficking poster")
    SessionFactory(course=CourseFactory(title="Labor trafficking in agriculture"))
    OrganizationFactory(name="Farm Labor Coalition", slug="farm-labor-coalition")
    NewsPostFactory(title="Labor trafficking case in the fields")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_trust_search_and_partner_pages_pass_axe(
    page, live_server, records, assert_accessible, csp_violations, viewport
):
    page.set_viewport_size(viewport)
    each_passes_axe(page, live_server.url, TRUST_PAGES, assert_accessible)
    assert csp_violations == []


def test_a_visitor_reads_the_privacy_notice_then_writes_to_the_campaign(
    page, live_server, records, assert_accessible
):
    admin = StaffUserFactory()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    identifier = page.get_by_role("navigation", name="Important links")
    identifier.get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.get_by_text("no third-party trackers, no analytics")).to_be_visible()
    page.get_by_role("navigation", name="Important links").get_by_role(
        "link", name="Contact us"
    ).click()
    expect(page.get_by_role("region", name="This form is not for emergencies")).to_be_visible()
    send_empty_then_filled(
        page,
        "Send my message",
        {
            "Name": "Ana Reyes",
            "Email address": "ana@example.org",
            "Topic": "privacy",
            "Message": "Please send me a copy of my data.",
        },
        assert_accessible,
    )
    expect(page.get_by_text("Your message was sent")).to_be_visible()
    assert ContactMessage.objects.get().topic == "privacy"
    assert [message.to for message in mail.outbox] == [[admin.email]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_visitor_searches_the_whole_site_from_the_header(page, live_server, records, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url)
    if viewport == PHONE:
        page.get_by_role("button", name="Menu").click()
    search = page.get_by_role("search").get_by_role("searchbox", name="Search the site")
    search.fill("labor")
    search.press("Enter")
    expect(page.get_by_role("heading", name="5 results")).to_be_visible()
    groups = page.get_by_role("navigation", name="Results by kind")
    for kind in ["Materials", "Trainings", "Upcoming sessions", "Partners", "News"]:
        expect(groups.get_by_role("link", name=kind)).to_be_visible()
    page.get_by_role("link", name="Farm Labor Coalition").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Farm Labor Coalition")
    placeholder = page.locator("img.portal-partner-logo")
    assert image_shown(placeholder)
