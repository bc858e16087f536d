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


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_set_no_cookie_for_anonymous_visitors(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert dict(response.cookies) == {}


def test_record_pages_set_no_cookie_for_anonymous_visitors(client):
    for record in [NewsPostFactory(), OrganizationFactory(), ResourceFactory()]:
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert dict(response.cookies) == {}, record.get_absolute_url()
