"""One search box for the whole site: materials, trainings, upcoming sessions, partners, news
and the trust pages, each kind ranked by PostgreSQL full-text search on its own index, in the
visitor's language, grouped with counts, and only what the visitor may see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from campaign.site.search import RESULTS_PER_KIND
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    NewsPostFactory,
    OrganizationFactory,
    ResourceFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search"),
]


def groups_of(response) -> dict[str, tuple[int, list]]:
    return {
        group.key: (group.total, [str(item) for item in group.results])
        for group in response.context["groups"]
    }


def test_one_search_finds_every_kind_grouped_with_counts(client):
    ResourceFactory(title="Farmworker labor trafficking poster")
    course = CourseFactory(title="Labor trafficking in agriculture")
    SessionFactory(course=course)
    OrganizationFactory(name="Farm Labor Coalition", description="Farmworker labor rights.")
    NewsPostFactory(title="Labor trafficking case in the fields")
    response = client.get(reverse("search"), {"q": "labor"})
    groups = groups_of(response)
    assert set(groups) == {"materials", "trainings", "sessions", "partners", "news"}
    assert groups["materials"] == (1, ["Farmworker labor trafficking poster"])
    assert groups["partners"] == (1, ["Farm Labor Coalition"])
    assert groups["sessions"][0] == 1
    page = response.content.decode()
    assert 'href="#results-materials"' in page and "Materials</a> (1)" in page
    pages = groups_of(client.get(reverse("search"), {"q": "privacy trackers"}))
    assert pages == {"pages": (1, ["Privacy notice"])}


def test_results_are_ranked_and_bounded_per_kind_with_the_full_count(client):
    for n in range(RESULTS_PER_KIND + 3):
        ResourceFactory(title=f"Poster {n}", summary="Indicators of trafficking.")
    best = ResourceFactory(title="Indicators indicators", summary="Indicators at a glance.")
    total, titles = groups_of(client.get(reverse("search"), {"q": "indicators"}))["materials"]
    assert total == RESULTS_PER_KIND + 4
    assert len(titles) == RESULTS_PER_KIND and titles[0] == best.title


def test_only_what_the_visitor_may_see_is_found(client):
    ResourceFactory(title="Bondage poster draft", published=False)
    ResourceFactory(title="Bondage partner guide", visibility="partners")
    CourseFactory(title="Bondage course draft", published=False)
    SessionFactory(
        course=CourseFactory(title="Bondage past"), starts_at=timezone.now() - timedelta(days=2)
    )
    OrganizationFactory(name="Bondage Applicants", status="applied")
    OrganizationFactory(name="Bondage Unlisted", listed=False)
    NewsPostFactory(title="Bondage draft news", status="draft", published_at=None)
    NewsPostFactory(title="Bondage scheduled", published_at=timezone.now() + timedelta(days=1))
    groups = groups_of(client.get(reverse("search"), {"q": "bondage"}))
    assert groups == {"trainings": (1, ["Bondage past"])}
    client.force_login(MembershipFactory().user)
    partner_view = groups_of(client.get(reverse("search"), {"q": "bondage"}))
    assert partner_view["materials"] == (1, ["Bondage partner guide"])


def test_spanish_pages_search_with_the_spanish_configuration(client):
    """ "Explotación" and "explotada" share a stem only under Spanish rules."""
    ResourceFactory(title="Mujer explotada en el trabajo", language="es")
    english = groups_of(client.get(reverse("search"), {"q": "explotación"}))
    spanish = groups_of(client.get("/es/search/", {"q": "explotación"}))
    assert "materials" not in english
    assert spanish["materials"] == (1, ["Mujer explotada en el trabajo"])


def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(3):
        ResourceFactory(title=f"Hotline poster {n}")
        SessionFactory(course=CourseFactory(title=f"Hotline course {n}"))
        OrganizationFactory(name=f"Hotline partner {n}")
        NewsPostFactory(title=f"Hotline news {n}")
    # One per kind: materials, trainings, sessions, partners, news, pages.
    with django_assert_num_queries(6):
        response = client.get(reverse("search"), {"q": "hotline"})
    assert response.context["total"] == 3 * 5 + 1  # the about page names the hotline too


def test_each_kind_is_answered_by_its_index():
    """Each kind's stored vector for the language is GIN-indexed and the search uses it."""
    from campaign.models import ContentPage, NewsPost
    from campaign.search import ranked_search
    from partners.models import Organization
    from resources.models import Resource
    from training.models import Course

    materials = {"en": "search_vector", "es": "search_es"}
    with connection.cursor() as cursor:
        # GIN is reached only through a bitmap scan: leave the planner nothing else.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        for model, index, vectors in [
            (Organization, "organization_search_{}", None),
            (NewsPost, "news_post_search_{}", None),
            (Course, "course_search_{}", None),
            (ContentPage, "content_page_search_{}", None),
            (Resource, "resource_search_{}", materials),
        ]:
            for language in ["en", "es"]:
                plan = ranked_search(
                    model.objects.all(),
                    "trafficking",
                    fields=["pk"],
                    language=language,
                    vector_fields=vectors,
                ).explain()
                name = index.format(language)
                if model is Resource and language == "en":
                    name = "resources_resource_search_gin"
                assert name in plan, (model, language, plan)
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")


def test_the_stored_vectors_follow_edits():
    """A trigger keeps each kind's vectors current when its text changes."""
    partner = OrganizationFactory(name="Harbor Coalition")
    partner.description = "Seafarers and fishing crews."
    partner.save()
    found = groups_of_query("fishing")
    assert found["partners"] == (1, ["Harbor Coalition"])


def groups_of_query(query: str) -> dict:
    from django.test import Client

    return groups_of(Client().get(reverse("search"), {"q": query}))


@pytest.mark.parametrize("query", ["", "   ", "the", "a" * 201, "'\"&|!:*()", "<b>x</b>"])
def test_any_query_gets_a_page(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<b>x</b>" not in response.content.decode()


def test_the_header_search_box_is_on_every_page(client):
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in page and 'role="search"' in page


def test_a_kind_with_many_matches_shows_a_floor_for_its_count(client, monkeypatch):
    monkeypatch.setattr("campaign.site.search.CANDIDATES", 3)
    for n in range(5):
        ResourceFactory(title=f"Screening guide {n}")
    response = client.get(reverse("search"), {"q": "screening"})
    assert groups_of(response)["materials"][0] == 3
    page = response.content.decode()
    # (The accessibility statement's "screen readers" matches too.)
    assert '<h2 aria-live="polite">At least ' in page and "Materials</a> (3+)" in page
