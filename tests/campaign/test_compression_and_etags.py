"""Public pages are compressed for clients that accept it and answer 304 to a matching
ETag; a page carrying a CSRF token (a form) or a signed-in person's page is not
compressed (BREACH: compression would leak secrets through the response size)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


def test_a_public_page_is_gzipped_for_anonymous_visitors(client):
    response = client.get("/materials/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_a_page_with_a_csrf_token_is_not_compressed(client):
    response = client.get("/accounts/login/", **GZIP)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not response.has_header("Content-Encoding")


def test_a_signed_in_persons_page_is_not_compressed(client):
    client.force_login(UserFactory())
    response = client.get("/materials/", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_a_matching_etag_gets_304(client):
    etag = client.get("/plan/", **GZIP)["ETag"]
    response = client.get("/plan/", HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert response.status_code == 304
    assert response.content == b""
