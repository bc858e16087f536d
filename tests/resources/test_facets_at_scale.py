"""The publisher facet stays short however many organizations publish (at scale 10,000
made the library page 1.4 MB)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources import queries
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

LIBRARY = "/materials/"


def publisher_labels(response) -> list[str]:
    group = next(g for g in response.context["facet_groups"] if g["name"] == "publisher")
    return [value["label"] for value in group["values"]]


def test_the_publisher_facet_lists_the_biggest_publishers_only(client):
    big = OrganizationFactory(name="Zeta Big Publisher")
    ResourceFactory.create_batch(3, publisher=big)
    small = [
        OrganizationFactory(name=f"Small {n:02}") for n in range(queries.PUBLISHER_FACET_LIMIT + 5)
    ]
    for organization in small:
        ResourceFactory(publisher=organization)
    labels = publisher_labels(client.get(LIBRARY))
    assert len(labels) == queries.PUBLISHER_FACET_LIMIT
    assert labels[0] == "Zeta Big Publisher"


def kind_counts(client) -> dict[str, int]:
    group = next(g for g in client.get(LIBRARY).context["facet_groups"] if g["name"] == "kind")
    return {value["label"]: value["count"] for value in group["values"]}


def test_facet_counts_are_kept_between_requests_and_renewed_by_each_change(client):
    material = ResourceFactory(kind="guide")
    assert kind_counts(client) == {"Guide": 1}
    with CaptureQueriesContext(connection) as queries:
        kind_counts(client)
    assert not [q for q in queries if "GROUP BY" in q["sql"]]
    ResourceFactory(kind="guide")
    assert kind_counts(client) == {"Guide": 2}
    material.kind = "poster"
    material.save()
    assert kind_counts(client) == {"Guide": 1, "Poster": 1}
    material.delete()
    assert kind_counts(client) == {"Guide": 1}
