"""The library puts the visitor's language first on a page in another language than
English, says so, and keeps the usual order in English or when a language is chosen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaign.models import Pillar
from resources.models import Resource
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_newer_than_spanish():
    """A Spanish poster from last year and two English ones from this week."""
    spanish = ResourceFactory(title="Cartel en español", language="es")
    english = ResourceFactory.create_batch(2, language="en")
    Resource.objects.filter(pk=spanish.pk).update(created_at=timezone.now() - timedelta(days=365))
    pillar = Pillar.objects.order_by("position").first()
    for resource in [spanish, *english]:
        resource.pillars.add(pillar)
    return spanish, english, pillar


def titles(response) -> list[str]:
    return [resource.title for resource in response.context["resources"]]


def test_the_spanish_library_lists_spanish_materials_first(client, english_newer_than_spanish):
    spanish, _english, _pillar = english_newer_than_spanish
    response = client.get("/es/materials/")
    assert titles(response)[0] == spanish.title
    assert "Los materiales en su idioma (español) aparecen primero." in response.content.decode()


def test_another_sort_in_spanish_still_puts_spanish_first(client, english_newer_than_spanish):
    spanish, _english, _pillar = english_newer_than_spanish
    response = client.get("/es/materials/?sort=downloads")
    assert titles(response)[0] == spanish.title


def test_the_english_library_keeps_newest_first(client, english_newer_than_spanish):
    spanish, _english, _pillar = english_newer_than_spanish
    response = client.get("/materials/")
    assert titles(response)[-1] == spanish.title
    assert response.context["first_language"] is None


def test_choosing_a_language_drops_the_note(client, english_newer_than_spanish):
    response = client.get("/es/materials/?language=en")
    assert response.context["first_language"] is None
    assert "aparecen primero" not in response.content.decode()


def test_the_note_links_to_the_spanish_materials_only(client, english_newer_than_spanish):
    response = client.get("/es/materials/?sort=title")
    assert response.context["first_language"]["only_query"] == "sort=title&language=es"


def test_a_spanish_pillar_page_lists_spanish_materials_first(client, english_newer_than_spanish):
    spanish, english, pillar = english_newer_than_spanish
    Resource.objects.filter(pk=english[0].pk).update(download_count=50)
    spanish_page = client.get(f"/es/pillars/{pillar.slug}/")
    assert "Los materiales en su idioma aparecen primero." in spanish_page.content.decode()
    assert next(r.title for r in spanish_page.context["materials"]) == spanish.title
    english_page = client.get(f"/pillars/{pillar.slug}/")
    assert english_page.context["language_first"] is False
    assert next(r.title for r in english_page.context["materials"]) == english[0].title


def test_the_spanish_library_runs_as_many_queries_as_the_english(
    client, english_newer_than_spanish, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/materials/")
    client.get("/es/materials/")
    with CaptureQueriesContext(connection) as english:
        client.get("/materials/")
    with django_assert_num_queries(len(english.captured_queries)):
        client.get("/es/materials/")


def test_a_material_says_when_it_exists_in_the_visitors_language(client):
    """An English card seen from a Spanish page points to its Spanish version; seen from an
    English page, or with no Spanish version, it says nothing."""
    from resources.models import TranslationGroup

    group = TranslationGroup.objects.create(name="Indicator card")
    english = ResourceFactory(title="Indicator Card", translation_group=group)
    spanish = ResourceFactory(
        title="Tarjeta de indicadores", language="es", translation_group=group
    )
    alone = ResourceFactory(title="Poster")
    page = client.get(f"/es/materials/{english.slug}/")
    assert page.context["in_your_language"] == spanish
    assert "Este material también está disponible en su idioma:" in page.content.decode()
    assert client.get(f"/materials/{english.slug}/").context["in_your_language"] is None
    assert client.get(f"/es/materials/{alone.slug}/").context["in_your_language"] is None
    assert client.get(f"/es/materials/{spanish.slug}/").context["in_your_language"] is None
