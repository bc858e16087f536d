"""Texts typed once per language are shown and searched in that language: the trust pages
read their Spanish columns at /es/, and each language's stored search vector is built from
that language's columns (English where a translation is missing)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaign.models import ContentPage
from tests.factories import CourseFactory, NewsPostFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search")


def found(client, path: str, query: str) -> dict[str, list[str]]:
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return {group.key: [item.pk for item in group.results] for group in response.context["groups"]}


def test_spanish_trust_pages_show_their_spanish_texts(client):
    page = client.get("/es/privacy/").content.decode()
    assert "<h1>Aviso de privacidad</h1>" in page
    assert "Privacy notice" not in page
    assert "<h1>Privacy notice</h1>" in client.get("/privacy/").content.decode()


def test_a_page_not_yet_translated_shows_its_english_at_es(client):
    ContentPage.objects.filter(slug="about").update(title_es=None, summary_es="", body_es="")
    page = client.get("/es/about/").content.decode()
    assert "<h1>About the portal</h1>" in page


def test_a_missing_page_row_shows_its_first_spanish_text(client, django_assert_num_queries):
    ContentPage.objects.filter(slug="accessibility").delete()
    with django_assert_num_queries(1):
        page = client.get("/es/accessibility/").content.decode()
    assert "<h1>Declaración de accesibilidad</h1>" in page


@on_postgresql
def test_spanish_search_reads_the_spanish_columns(client):
    course = CourseFactory(title="Exploitation at work", title_es="Trata laboral")
    assert found(client, "/es/search/", "laboral") == {"trainings": [course.pk]}
    assert "trainings" not in found(client, "/search/", "laboral")
    assert found(client, "/search/", "exploitation") == {"trainings": [course.pk]}
    post = NewsPostFactory(title="Farm raid", title_es="Redada en una granja")
    assert found(client, "/es/search/", "granja") == {"news": [post.pk]}
    partner = OrganizationFactory(name="Clinic", description_es="Atendemos a jornaleros.")
    assert found(client, "/es/search/", "jornaleros") == {"partners": [partner.pk]}
    privacy = ContentPage.objects.get(slug="privacy")
    assert found(client, "/es/search/", "aviso de privacidad")["pages"][0] == privacy.pk


@on_postgresql
def test_an_untranslated_text_is_found_by_its_english_and_a_later_translation_replaces_it(
    client,
):
    course = CourseFactory(title="Debt bondage")
    assert found(client, "/es/search/", "bondage") == {"trainings": [course.pk]}
    type(course).objects.filter(pk=course.pk).update(title_es="Servidumbre por deudas")
    assert found(client, "/es/search/", "servidumbre") == {"trainings": [course.pk]}
    assert "trainings" not in found(client, "/es/search/", "bondage")


BEFORE = [("campaign", "0011_typed_content_per_language")]
AFTER = [("campaign", "0012_content_page_texts_per_language")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_english_and_adds_the_first_spanish():
    """A page still holding its first text gets its Spanish; an edited one keeps its edit in
    English and waits for a translation."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("campaign", "ContentPage").objects.filter(slug="about").update(
        title="About us"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    pages = executor.loader.project_state(AFTER).apps.get_model("campaign", "ContentPage")
    about = pages.objects.get(slug="about")
    assert (about.title_en, about.title_es) == ("About us", None)
    assert about.body_es.startswith("Este portal apoya")
    privacy = pages.objects.get(slug="privacy")
    assert (privacy.title_en, privacy.title_es) == ("Privacy notice", "Aviso de privacidad")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
