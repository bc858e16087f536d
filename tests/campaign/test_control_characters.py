"""NUL and other control characters are refused before they reach a query (PostgreSQL
refuses text with a NUL byte, which would otherwise answer 500)."""

import logging
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ORDER, OrganizationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_PATHS_WITH_NUL = [
    "/certificates/verify/%00/",
    "/certificates/verify/AB%00CD/",
    "/certificates/verify/%00.json",
    "/certificates/%00.pdf",
    "/trainings/calendar/%00.ics",
    "/trainings/calendar/%00/organization/springfield.ics",
    "/partners/invitations/%00/",
    "/trainings/give-back/%00/",
    "/materials/%00/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS_WITH_NUL)
def test_a_nul_byte_in_the_path_is_refused_with_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    "query",
    [
        {"material": "\x00"},
        {"material\x00": "x"},
        {"material": "poster\x1b[2J"},
        {"material": "poster\x7f"},
    ],
)
def test_control_characters_in_the_query_string_are_refused(client, query):
    response = client.get(reverse("resources:order"), query)
    assert response.status_code == 400


def test_a_plain_query_string_still_works(client):
    ResourceFactory(slug="poster")
    response = client.get(reverse("resources:order"), {"material": "poster\u05d0 \u202e"})
    assert response.status_code == 200


def test_a_nul_byte_in_a_form_value_is_refused_and_nothing_is_written(client):
    from resources.models import MaterialOrder

    response = client.post(reverse("resources:order"), {**ORDER, "contact_name": "Pat\x00 Lee"})
    assert response.status_code == 400
    assert not MaterialOrder.objects.exists()


def test_tabs_and_line_breaks_in_a_form_value_pass(client):
    response = client.post(
        reverse("resources:order"),
        {"contact_name": "Pat\tLee", "shipping_address": "742 Evergreen Terrace\r\nSpringfield"},
    )
    assert response.status_code == 200  # the form answers with its own messages


def test_a_control_character_in_a_form_key_is_refused(client):
    response = client.post(reverse("certificates:lookup"), {"co\x00de": "x"})
    assert response.status_code == 400


def test_a_nul_byte_in_an_urlencoded_form_is_refused(client):
    response = client.post(
        reverse("certificates:lookup"),
        urlencode({"code": "AB\x00"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_a_nul_byte_in_a_multipart_file_field_name_is_refused(client):
    upload = SimpleUploadedFile("poster.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(reverse("resources:order"), {"doc\x00ument": upload})
    assert response.status_code == 400


def test_a_nul_byte_in_an_uploaded_file_name_is_dropped_by_django(client):
    upload = SimpleUploadedFile("poster\x00.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(reverse("resources:order"), {"document": upload})
    assert response.status_code == 200


def test_a_refused_request_is_logged(client, caplog):
    caplog.set_level(logging.WARNING, logger="campaign.security")
    client.get("/certificates/verify/%00/")
    assert any("control characters" in record.getMessage() for record in caplog.records)


def test_invalid_utf8_in_the_path_or_query_is_not_a_server_error(client):
    assert client.get("/certificates/verify/%ff%fe/").status_code < 500
    assert client.get("/materials/order/?material=%ff%fe").status_code < 500
    assert client.get("/partners/invitations/%ff/").status_code < 500


def test_a_session_cookie_with_a_nul_byte_is_ignored(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get(reverse("home"))
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?q=%00", "?status=%00", "?kind=%00", "?q=a%00b&o=1"])
def test_admin_list_filters_refuse_a_nul_byte(client, campaign_admin, query):
    client.force_login(campaign_admin)
    OrganizationFactory()
    for name in ["admin:partners_organization_changelist", "admin:campaign_user_changelist"]:
        response = client.get(reverse(name) + query)
        assert response.status_code == 400


def test_signed_in_pages_refuse_a_nul_byte_too(client):
    client.force_login(UserFactory())
    assert client.get("/trainings/mine/?x=%00").status_code == 400
    assert client.get(reverse("training:check-in-code-form"), {"code": "\x00"}).status_code == 400
