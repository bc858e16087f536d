"""Partner logos in the directory and on organization pages, with a neutral placeholder for
partners that uploaded none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import OrganizationFactory
from tests.resources.files import image_bytes

pytestmark = pytest.mark.django_db

PLACEHOLDER = "img/logo-placeholder"


def with_logo(**fields):
    return OrganizationFactory(
        logo=SimpleUploadedFile("logo.png", image_bytes("PNG", (120, 120))), **fields
    )


def test_the_directory_shows_each_logo_or_the_placeholder(client, django_assert_num_queries):
    logo = with_logo(name="Logo Partner")
    OrganizationFactory(name="Plain Partner")
    with django_assert_num_queries(2):
        page = client.get(reverse("partners:directory")).content.decode()
    assert f'src="{logo.logo.url}"' in page
    assert page.count(PLACEHOLDER) == 1
    # Beside the partner's name the image says nothing more: it is decorative.
    assert 'class="usa-collection__img portal-partner-logo"' in page and 'alt=""' in page


def test_an_organization_page_shows_its_logo_or_the_placeholder(client):
    logo = with_logo(name="Logo Partner")
    page = client.get(logo.get_absolute_url()).content.decode()
    assert f'src="{logo.logo.url}" alt="Logo Partner logo"' in page
    plain = OrganizationFactory()
    assert PLACEHOLDER in client.get(plain.get_absolute_url()).content.decode()
