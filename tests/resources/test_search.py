"""Full-text search on PostgreSQL: a stored, weighted, GIN-indexed vector kept by a trigger."""

import pytest
from django.db import connection

from resources.models import Resource
from tests.concurrency import requires_postgres
from tests.factories import ResourceFactory

pytestmark = [requires_postgres, pytest.mark.django_db]


def found(client, query: str) -> list[str]:
    response = client.get("/materials/", {"q": query})
    return [r.title for r in response.context["resources"]]


def test_a_title_match_ranks_above_a_summary_match_above_a_description_match(client):
    ResourceFactory(title="Poster for Lobbies", summary="Hotline numbers.", description="Visa.")
    ResourceFactory(title="Pocket Card", summary="Explains the visa options.")
    ResourceFactory(title="Visa Guide", summary="For officers.")
    ResourceFactory(title="Unrelated Flyer", summary="Nothing here.")
    assert found(client, "visa") == ["Visa Guide", "Pocket Card", "Poster for Lobbies"]


def test_the_vector_follows_edits_and_stems_words(client):
    resource = ResourceFactory(title="Indicator Card", summary="Signs to look for.")
    assert found(client, "trafficking") == []
    resource.summary = "Signs of human trafficking."
    resource.save()
    assert found(client, "trafficked") == ["Indicator Card"]
    Resource.objects.filter(pk=resource.pk).update(title="Warning Signs")
    assert found(client, "warning") == ["Warning Signs"]


def test_search_takes_web_style_queries_without_errors(client):
    ResourceFactory(title="T Visa Guide", summary="Immigration relief.")
    ResourceFactory(title="U Visa Guide", summary="Certification.")
    assert found(client, '"T Visa" -certification') == ["T Visa Guide"]
    for odd in ["&", "!!", "(", "visa | ", "'; drop table"]:
        assert client.get("/materials/", {"q": odd}).status_code == 200


def test_the_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'resources_resource' "
            "AND indexname = 'resources_resource_search_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition
