"""Every page a crawl reaches, in Chromium: axe at phone and desktop sizes, the Django admin
included, and no sideways scrolling at 320 px wide or at 200% zoom of a 1280 px window.

The demo is loaded once per test and a Django test client finds the pages (tests/crawl.py,
a bounded list: each URL pattern at most twice); one browser then visits them all with the
person's session cookie, so no test signs in through forms it does not test.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from campaign.models import User
from tests.browser.conftest import DESKTOP, PHONE
from tests.crawl import crawl, pattern_of

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = {
    "anonymous": None,
    "staff": "staff@demo.blue-campaign.test",
    "coordinator": "coordinator@demo.blue-campaign.test",
}
ADMIN = "admin@demo.blue-campaign.test"
# 320 CSS px (WCAG 1.4.10), and a 1280 x 900 window at 200% zoom.
REFLOW_SIZES = [{"width": 320, "height": 640}, {"width": 640, "height": 450}]
# Pages of Django's admin whose own markup axe faults, with why they stay (see
# ARCHITECTURE.md, "Accessibility"): the rule, and the selector of what it faults.
DJANGO_ADMIN_MARKUP = {
    # The help icons of filter_horizontal carry an aria-label on a <span> with no role
    # (django/contrib/admin/static/admin/js/SelectFilter2.js).
    ("aria-prohibited-attr", ".help-tooltip"),
    # A tabular inline's header leaves the cell above each row's object empty, and the one
    # above a field with no label (django/contrib/admin/templates/admin/edit_inline/
    # tabular.html).
    ("empty-table-header", "th"),
    ("empty-table-header", ".original"),
    # select2 (vendored by Django) lists a multiple box's choices in a <ul> that holds
    # its clear button as a <span>.
    ("list", ".select2-selection__rendered"),
}

# Not the confirmations and histories: the issue names the index, lists and forms.
ADMIN_SKIP = ("/history/", "/delete/", "/add/", "?", "/password", "/logout/")

# The scroll width of the page beyond the window, or 0 when nothing scrolls sideways.
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def client_of(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def pages_of(email: str | None, **options) -> list[str]:
    return list(crawl(client_of(email), ["/"], **options))


def open_as(page, site: str, email: str | None) -> None:
    """Gives the browser the person's session (a test client's sign-in)."""
    if email:
        session = client_of(email).cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}]
        )


def axe_violations(page, axe: Axe, *, allowed=frozenset()) -> list[str]:
    found = []
    for violation in axe.run(page).response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            if not any(rule == violation["id"] and sel in target for rule, sel in allowed):
                found.append(
                    f"{page.url} {page.viewport_size['width']}px {violation['id']}: {target}"
                )
    return found


def test_every_page_a_crawl_reaches_passes_axe_and_never_scrolls_sideways(
    page, live_server, demo, csp_violations
):
    """As anonymous, staff and coordinator: axe at 390 x 844 and 1280 x 900, and no
    horizontal scroll at 320 px wide nor at 640 px (a 1280 px window at 200% zoom). One
    visit of each page does both; a signed-in page's pattern seen as staff is not visited
    again as coordinator (the same template with the same header)."""
    axe, failures, signed_in_patterns = Axe(), [], set()
    for role, email in ROLES.items():
        paths = pages_of(email, per_pattern=1)
        assert len(paths) > 10, role
        if email:
            paths = [path for path in paths if pattern_of(path) not in signed_in_patterns]
            signed_in_patterns |= {pattern_of(path) for path in paths}
        page.context.clear_cookies()
        open_as(page, live_server.url, email)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            for viewport in (PHONE, DESKTOP):
                page.set_viewport_size(viewport)
                failures += axe_violations(page, axe)
            for size in REFLOW_SIZES:
                page.set_viewport_size(size)
                overflow = page.evaluate(OVERFLOW)
                if overflow > 0:
                    failures.append(f"{role} {path} at {size['width']} px: {overflow} px sideways")
    assert failures == [], "\n".join(failures)
    assert csp_violations == []


def test_the_pages_the_issue_names_reflow_at_320_px(page, live_server, demo):
    """Issue 16, item 3: My organizations (its Manage link), the manage tabs, the roster,
    the sign-in sheet, the impact and plan tables."""
    open_as(page, live_server.url, ROLES["coordinator"])
    page.goto(f"{live_server.url}/partners/mine/")
    named = ["/partners/mine/", "/partners/caceo/manage/", "/partners/caceo/manage/invitations/"]
    named += ["/impact/", "/plan/"]
    failures = []
    for path in named:
        page.goto(f"{live_server.url}{path}")
        for size in REFLOW_SIZES:
            page.set_viewport_size(size)
            if page.evaluate(OVERFLOW) > 0:
                failures.append(f"{path} at {size['width']} px")
    assert failures == [], "\n".join(failures)


def test_every_admin_page_passes_axe_without_csp_violations(
    page, live_server, demo, csp_violations
):
    """The admin index, each changelist, change form and add form (issue 16, item 7)."""
    client = client_of(ADMIN)
    paths = list(
        crawl(client, ["/admin/"], within="/admin/", limit=300, per_pattern=1, skip=ADMIN_SKIP)
    )
    assert len(paths) > 40
    open_as(page, live_server.url, ADMIN)
    axe, failures, refused_styles = Axe(), [], []
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        # What the page itself asks of the policy; axe's own script (injected by the test,
        # not the page) trips the policy too, so its reports are set aside.
        refused_styles += [f"{path}: {text}" for text in csp_violations]
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            failures += axe_violations(page, axe, allowed=DJANGO_ADMIN_MARKUP)
        csp_violations.clear()
    assert failures == [], "\n".join(failures)
    assert refused_styles == []
