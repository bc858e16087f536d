"""Typed content in each language: pages read the page's language and fall back to English,
the admin edits every language and lists what still lacks Spanish, search finds both."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from campaign.models import Audience, NewsPost, Pillar
from campaign.typed_content import lacking_translation
from tests.factories import CourseFactory, NewsPostFactory, ResourceFactory
from training.models import Course

pytestmark = pytest.mark.django_db


def test_a_spanish_page_shows_the_spanish_text_of_a_news_post(client):
    """The Spanish page reads the Spanish columns; the English page the English ones."""
    post = NewsPostFactory(
        title="Partners train 500 officers",
        title_es="Los socios capacitan a 500 agentes",
        body_es="Aprendieron a **reconocer** la trata de personas.",
    )
    spanish = client.get(f"/es/news/{post.slug}/").content.decode()
    assert "Los socios capacitan a 500 agentes" in spanish
    assert "<strong>reconocer</strong>" in spanish
    english = client.get(f"/news/{post.slug}/").content.decode()
    assert "Partners train 500 officers" in english
    assert "Los socios" not in english


def test_a_course_without_spanish_shows_its_english_on_the_spanish_page(client):
    """An empty Spanish column falls back to the English text, never to nothing."""
    course = CourseFactory(title="Human Trafficking 101", summary="The basics, in an hour.")
    page = client.get(f"/es/trainings/{course.slug}/").content.decode()
    assert "Human Trafficking 101" in page
    assert "The basics, in an hour." in page


def test_the_news_list_in_spanish_runs_as_many_queries_as_in_english(
    client, django_assert_num_queries
):
    """A column per language is read from the same row: no query more for Spanish."""
    NewsPostFactory.create_batch(3, title_es="Noticia")
    client.get("/news/")  # the first request warms the per-process caches
    with CaptureQueriesContext(connection) as english:
        client.get("/news/")
    with django_assert_num_queries(len(english.captured_queries)):
        assert "Noticia" in client.get("/es/news/").content.decode()


def test_the_original_column_keeps_english_whoever_saves():
    """Saved from a Spanish page, a post still keeps its English text in the column that
    constraints, search and other apps' queries read."""
    post = NewsPostFactory(title="Hotline week", title_es="Semana de la línea directa")
    with translation.override("es"):
        post = NewsPost.objects.get(pk=post.pk)
        post.summary = "Resumen en español"
        post.save()
    stored = NewsPost.objects.filter(pk=post.pk).rewrite(False).values("title", "summary")[0]
    assert stored == {"title": "Hotline week", "summary": "A partner joined the campaign."}
    post.refresh_from_db()
    assert post.summary_es == "Resumen en español"


def test_gaps_are_rows_with_english_and_no_spanish():
    """The gap: any text written in English whose Spanish is empty."""
    done = CourseFactory(title_es="Curso", summary_es="Resumen")
    half = CourseFactory(title_es="Medio curso")
    untouched = CourseFactory()
    gaps = set(Course.objects.filter(lacking_translation(Course, "es")))
    assert gaps == {half, untouched}
    assert done not in gaps


def test_the_admin_edits_each_language_and_filters_the_gaps(admin_client):
    """The change form has a field per language; the changelist filter lists the gaps."""
    done = CourseFactory(title="Translated course", title_es="Curso traducido", summary_es="Sí")
    CourseFactory(title="Untranslated course")
    form = admin_client.get(reverse("admin:training_course_change", args=[done.pk]))
    html = form.content.decode()
    assert 'name="title_en"' in html and 'name="title_es"' in html
    listing = admin_client.get(reverse("admin:training_course_changelist") + "?lacks=es")
    assert listing.status_code == 200
    titles = [course.title for course in listing.context["cl"].result_list]
    assert titles == ["Untranslated course"]


@pytest.mark.parametrize(
    "url",
    [
        "admin:campaign_newspost_changelist",
        "admin:campaign_pillar_changelist",
        "admin:campaign_audience_changelist",
        "admin:campaign_impactfigure_changelist",
        "admin:campaign_plangoal_changelist",
        "admin:campaign_planobjective_changelist",
        "admin:campaign_actionitem_changelist",
        "admin:partners_organization_changelist",
    ],
)
def test_every_translated_changelist_has_the_gaps_filter(admin_client, url):
    response = admin_client.get(reverse(url) + "?lacks=es")
    assert response.status_code == 200
    assert "Lacks Español" in response.content.decode()


def test_a_search_on_a_spanish_page_finds_courses_by_either_language(client):
    """Searching finds a course by its Spanish title, and an untranslated one by English."""
    CourseFactory(
        format="web_based",
        title="Indicators at the border",
        title_es="Indicadores en la frontera",
    )
    CourseFactory(format="web_based", title="Roll call for patrol officers")
    by_spanish = client.get("/es/trainings/?q=frontera").content.decode()
    by_english = client.get("/es/trainings/?q=patrol").content.decode()
    assert "Indicadores en la frontera" in by_spanish
    assert "Roll call for patrol officers" in by_english


def test_material_facets_name_audiences_and_pillars_in_the_page_language(client):
    """The library's audience and pillar facets show the Spanish names, or English."""
    audience = Audience.objects.get(slug="law-enforcement")
    audience.name_es = "Fuerzas del orden"
    audience.save()
    pillar = Pillar.objects.order_by("position").first()
    resource = ResourceFactory()
    resource.audiences.add(audience)
    resource.pillars.add(pillar)
    page = client.get("/es/materials/").content.decode()
    assert "Fuerzas del orden" in page
    assert (pillar.name_es or pillar.name_en) in page


def test_lists_mark_an_english_fallback_and_name_minutes_in_spanish(client):
    """On the Spanish pillar page, a course without Spanish is marked English; its length
    reads in Spanish."""
    pillar = Pillar.objects.get(slug="prevention")
    course = CourseFactory(title="Only English", duration_minutes=45)
    course.pillars.add(pillar)
    page = client.get(f"/es/pillars/{pillar.slug}/").content.decode()
    assert 'lang="en">Only English</a>' in page
    assert "45 minutos" in page
