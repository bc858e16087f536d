"""The completions API in Chromium: a coordinator makes a token on the organization's page,
reads it once, and a script pulls the completions with it, as JSON and as CSV."""

import csv
import io
import json
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.api_tokens import ApiToken, TokenUse
from tests.browser.steps import sign_in
from tests.factories import DEFAULT_PASSWORD, attended

pytestmark = pytest.mark.django_db(transaction=True)


def pull(site: str, secret: str, query: str) -> tuple[str, str]:
    """What a partner's script does: one GET with the token; (content type, body)."""
    request = urllib.request.Request(  # noqa: S310 (the test server, over http)
        f"{site}/api/v1/completions?{query}", headers={"Authorization": f"Bearer {secret}"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return answer.headers["Content-Type"], answer.read().decode()


def test_a_coordinator_makes_a_token_and_a_script_pulls_completions(
    page, site, partners, assert_accessible, csp_violations
):
    enrollment = attended(partners.police_staff, days_ago=4)
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    sign_in(page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/partners/{partners.police.slug}/manage/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="Make a token")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Learning records nightly")
    expires = timezone.localdate() + timedelta(days=180)
    page.get_by_label("Expires on").fill(expires.isoformat())
    page.get_by_role("button", name="Make the token").click()

    expect(page.get_by_role("heading", name="Your new token")).to_be_visible()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("bcp_")
    page.get_by_role("button", name="Copy the token").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert_accessible(page)
    token = ApiToken.objects.get()
    expect(page.get_by_role("rowheader", name="Learning records nightly")).to_be_visible()
    expect(page.get_by_role("cell", name=token.prefix)).to_be_visible()

    # Shown once: the page never shows it again.
    page.reload()
    expect(page.get_by_role("heading", name="Make a token")).to_be_visible()
    assert secret not in page.content()

    content_type, body = pull(site, secret, f"since={since}")
    assert content_type == "application/json"
    rows = json.loads(body)["results"]
    assert [row["email"] for row in rows] == [partners.police_staff.email]
    assert rows[0]["course"] == enrollment.session.course.title
    assert rows[0]["certificate"]["verify_url"].startswith(f"{site}/certificates/verify/")

    content_type, body = pull(site, secret, f"since={since}&format=csv")
    assert content_type.startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(body)))
    assert [row["email"] for row in table] == [partners.police_staff.email]
    assert table[0]["certificate_revoked"] == "no"

    # The page lists when it was last used; the documentation it links to reads well.
    page.reload()
    expect(page.get_by_role("cell", name="Never")).to_have_count(0)
    assert TokenUse.objects.filter(token=token, status=200).count() == 2
    page.get_by_role("link", name="How to use the completions API").click()
    expect(page.get_by_role("heading", name="Completions API", exact=True)).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []
