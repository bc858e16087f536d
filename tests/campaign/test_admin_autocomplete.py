"""An admin autocomplete field shows only values that are keys: one typed in the query string
(initial data) or posted that is not a key is left out instead of failing the page (found by
tests/security/test_fuzz.py)."""

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("admin:campaign_actionitem_add", "lead_organization=+"),
        ("admin:campaign_actionitem_add", "objective=abc"),
        ("admin:campaign_actionitem_add", "lead_organization=" + "9" * 40),
        ("admin:training_session_add", "trainers=1,x,-5"),
        ("admin:partners_organization_add", "parent=%22%27%3E%3Cx%3E"),
    ],
)
def test_an_invalid_related_initial_value_is_left_out(client, campaign_admin, url_name, query):
    client.force_login(campaign_admin)
    response = client.get(f"{reverse(url_name)}?{query}")
    assert response.status_code == 200


def test_a_valid_related_initial_value_is_kept(client, campaign_admin):
    organization = OrganizationFactory(name="Springfield Police")
    client.force_login(campaign_admin)
    url = reverse("admin:campaign_actionitem_add")
    response = client.get(f"{url}?lead_organization={organization.pk}&title=Train+staff")
    form = response.context["adminform"].form
    assert form.initial["lead_organization"] == str(organization.pk)
    assert form.initial["title"] == "Train staff"
    assert "Springfield Police" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "body"),
    [
        ("admin:training_session_add", "course=+"),
        ("admin:training_session_add", "trainers=x&trainers=1"),
        ("admin:campaign_planobjective_add", "lead_organization=abc"),
    ],
)
def test_a_posted_value_that_is_not_a_key_shows_the_form_again(
    client, campaign_admin, url_name, body
):
    client.force_login(campaign_admin)
    response = client.post(
        reverse(url_name), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


@pytest.mark.parametrize("view", ["change", "delete"])
def test_an_empty_to_field_parameter_is_ignored(client, campaign_admin, view):
    """Django's admin looked up a field named "" for ?_to_field= and failed."""
    organization = OrganizationFactory()
    client.force_login(campaign_admin)
    url = reverse(f"admin:partners_organization_{view}", args=[organization.pk])
    assert client.get(f"{url}?_to_field=").status_code == 200
