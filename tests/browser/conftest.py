from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def assert_accessible():
    """Runs axe-core on the page as it is now and fails on any violation."""
    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def csp_violations(page):
    """Collects the Content-Security-Policy violations the browser reports on `page`."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def other_page(browser):
    """A second person's browser, with its own cookies."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = live_server.url  # links in emails point at the test server
    return live_server.url


@pytest.fixture
def vocabularies(db):
    """The pillars and audiences come from a data migration, which the transactional tests
    that ran before flushed: put them back the way the migration does."""
    from django.apps import apps

    create_vocabularies = import_module(
        "campaign.migrations.0002_pillars_and_audiences"
    ).create_vocabularies
    create_vocabularies(apps, None)
