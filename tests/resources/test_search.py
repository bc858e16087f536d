"""Full-text search on PostgreSQL: a stored, weighted, GIN-indexed vector kept by a trigger."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_a_common_word_ranks_only_its_newest_matches_after_the_other_filters(client, monkeypatch):
    """At 100,000 materials a word found in most of them would rank, count and facet
    every row; the search takes its newest SEARCH_CANDIDATES matches among what the other
    filters leave, and says so."""
    monkeypatch.setattr("resources.filters.SEARCH_CANDIDATES", 3)
    monkeypatch.setattr("resources.views.SEARCH_CANDIDATES", 3)
    for n in range(2):
        ResourceFactory(title=f"Visa Video {n}", kind="video", summary="Visa relief.")
    for n in range(4):
        ResourceFactory(title=f"Visa Poster {n}", summary="Visa relief.")
    response = client.get("/materials/", {"q": "visa"})
    assert sorted(r.title for r in response.context["resources"]) == [
        "Visa Poster 1",
        "Visa Poster 2",
        "Visa Poster 3",
    ]
    assert response.context["paginator"].count == 3
    assert "best matches among the 3 newest materials" in response.content.decode()
    videos = client.get("/materials/", {"q": "visa", "kind": "video"})
    assert sorted(r.title for r in videos.context["resources"]) == ["Visa Video 0", "Visa Video 1"]
    assert "newest materials it finds" not in videos.content.decode()


def test_a_search_page_matches_the_words_once_and_counts_and_groups_what_it_found(client):
    """The match over the search index is the costly part at scale: the page reads its
    candidates once, then counts, groups into facets and lists those ids."""
    for n in range(3):
        ResourceFactory(title=f"Visa Guide {n}", summary="Visa relief.")
    ResourceFactory(title="Unrelated Flyer", summary="Nothing here.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/materials/", {"q": "visa"})
    assert response.context["paginator"].count == 3
    matching = [query["sql"] for query in queries.captured_queries if " @@ " in query["sql"]]
    assert len(matching) == 1, matching
