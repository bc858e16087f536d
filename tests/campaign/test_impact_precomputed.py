"""The home and impact pages read precomputed impact figures instead of aggregating every
enrollment per request; the scheduled refresh brings them up to date."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.site import impact
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def enrollment_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return [q["sql"] for q in queries if "training_enrollment" in q["sql"]]


@pytest.mark.parametrize("url", ["/", "/impact/", "/impact/impact.csv", "/impact/impact.json"])
def test_pages_read_the_stored_figures_not_the_enrollments(client, url):
    impact.refresh_impact_figures()
    assert enrollment_queries(client, url) == []


def test_the_refresh_brings_new_partners_into_the_figures(client):
    before = impact.refresh_impact_figures().totals.active_partners
    OrganizationFactory(status="active")
    assert impact.current_figures().totals.active_partners == before
    assert impact.refresh_impact_figures().totals.active_partners == before + 1
    assert impact.current_figures().totals.active_partners == before + 1
