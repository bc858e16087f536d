"""A visitor who is not signed in gets no cookie from pages that need none: a cookie-less
response can be cached by a shared cache and carries no session for nothing."""

import pytest

from tests.factories import NewsPostFactory, OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/materials/",
    "/trainings/",
    "/partners/",
    "/news/",
    "/impact/",
    "/plan/",
    "/get-help/",
    "/sitemap.xml",
    "/about/",
    "/privacy/",
    "/accessibility/",
    "/search/?q=trafficking",
]


def assert_no_cookie(client, url: str) -> None:
    """The page opens for an anonymous visitor and sets no cookie."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert dict(response.cookies) == {}, url


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_set_no_cookie_for_anonymous_visitors(client, url):
    assert_no_cookie(client, url)


def test_record_pages_set_no_cookie_for_anonymous_visitors(client):
    for record in [NewsPostFactory(), OrganizationFactory(), ResourceFactory()]:
        assert_no_cookie(client, record.get_absolute_url())
