"""Site-wide pages: home, get help, error pages, and the headers every response carries."""

import pytest
from django.test import Client
from django.urls import reverse

from campaign.models import Pillar

pytestmark = pytest.mark.django_db


def test_home_shows_purpose_pillars_and_calls_to_action(client):
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Why this portal exists" in page
    for pillar in ["Prevention", "Protection", "Prosecution", "Partnerships"]:
        assert pillar in page
    assert f'href="{reverse("get-help")}"' in page
    assert "Exit this page" in page


def test_home_shows_pillars_as_admins_edit_them(client):
    Pillar.objects.filter(slug="prevention").update(summary="Edited prevention summary.")
    assert "Edited prevention summary." in client.get(reverse("home")).content.decode()


def test_every_response_carries_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ]:
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(client):
    for name in ["home", "get-help", "account_login", "account_signup"]:
        page = client.get(reverse(name)).content.decode()
        assert "<script>" not in page and "<style" not in page and " style=" not in page


def test_get_help_shows_the_hotlines_from_settings(client, settings):
    settings.HOTLINES = [{"name": "County Help Line", "phone": "1-555-010-0199", "text": ""}]
    settings.EMERGENCY_NUMBER = "112"
    page = client.get(reverse("get-help")).content.decode()
    assert "County Help Line" in page and 'href="tel:1-555-010-0199"' in page
    assert 'href="tel:112"' in page
    assert "T visa" in page and "Continued Presence" in page


def test_official_banner_shows_only_when_configured(client, settings):
    assert "usa-banner" not in client.get(reverse("home")).content.decode()
    settings.SHOW_OFFICIAL_BANNER = True
    assert "usa-banner" in client.get(reverse("home")).content.decode()


def test_site_name_is_a_setting(client, settings):
    settings.SITE_NAME = "Anti-Trafficking Training Portal"
    page = client.get(reverse("home")).content.decode()
    assert "Anti-Trafficking Training Portal" in page
    assert "Blue Campaign Partner Portal" not in page


def test_unknown_page_answers_404_in_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Exit this page" in response.content.decode()


def test_server_error_page_keeps_the_layout_and_exit_link(settings):
    from campaign.site.views import server_error

    response = server_error(None)
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page
    assert f'href="{settings.EXIT_PAGE_URL}"' in page


def test_a_forged_post_is_refused_without_an_error_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403


def test_every_page_footer_links_the_public_services(client):
    page = client.get(reverse("get-help")).content.decode()
    for name in ("certificates:lookup", "resources:order", "plan", "partners:apply"):
        assert f'href="{reverse(name)}"' in page, name
