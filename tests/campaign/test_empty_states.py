"""Empty pages say what to do next, with a link to do it."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import OrganizationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_catalog_search_without_results_offers_to_clear_the_filters(client):
    SessionFactory()
    page = client.get(reverse("training:catalog"), {"format": "in_person"}).content.decode()
    assert "No session matches these filters." in page
    assert (
        f'<a class="usa-link" href="{reverse("training:catalog")}">Clear the filters</a>' in page
    )


def test_a_catalog_with_nothing_scheduled_points_to_feeds_and_on_demand_courses(client):
    page = client.get(reverse("training:catalog")).content.decode()
    assert "No session is scheduled right now. Subscribe to a calendar feed" in page


def test_my_trainings_with_nothing_leads_to_the_catalog(client):
    client.force_login(UserFactory())
    page = client.get(reverse("training:mine")).content.decode()
    assert f'<a class="usa-link" href="{reverse("training:catalog")}">Find a training</a>' in page
    assert "your sessions, your place on a waitlist and the check-in are shown here" in page
    assert "listed here once they end" in page


def test_an_empty_roster_leads_to_invitations_and_the_organizations_page(client, campaign_admin):
    organization = OrganizationFactory()
    client.force_login(campaign_admin)
    page = client.get(reverse("partners:manage-roster", args=[organization.slug])).content
    page = page.decode()
    invitations = reverse("partners:manage-invitations", args=[organization.slug])
    assert f'No members yet. <a class="usa-link" href="{invitations}">' in page
    assert f'href="{organization.get_absolute_url()}">the organization' in page


def test_no_orders_leads_to_the_order_form_and_the_materials(client):
    client.force_login(UserFactory())
    page = client.get(reverse("resources:my-orders")).content.decode()
    assert "You have not ordered printed materials yet." in page
    assert f'<a class="usa-link" href="{reverse("resources:resource-list")}">' in page


def test_an_empty_state_reads_in_spanish(client, campaign_admin):
    client.force_login(campaign_admin)
    page = client.get("/es" + reverse("training:mine")).content.decode()
    assert "e inscríbase: aquí verá sus sesiones" in page
    organization = OrganizationFactory()
    with translation.override("es"):
        roster = client.get(reverse("partners:manage-roster", args=[organization.slug]))
        attendance = client.get(reverse("training:attendance", args=[SessionFactory().pk]))
    assert "Todavía no hay miembros." in roster.content.decode()
    assert "Todavía no hay nadie inscrito." in attendance.content.decode()
