"""Home, pillar pages, sitemap.xml, robots.txt, and titles and descriptions on every page."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.models import Pillar
from campaign.site import impact
from campaign.site.sitemaps import MaterialSitemap
from tests.factories import (
    CourseFactory,
    ImpactFigureFactory,
    NewsPostFactory,
    OrganizationFactory,
    ResourceFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# --- Home -------------------------------------------------------------------------------


def test_home_shows_upcoming_trainings_latest_news_and_headline_figures(client):
    SessionFactory(course__title="Awareness for First Responders")
    NewsPostFactory(title="Los Angeles signs on")
    NewsPostFactory(title="Draft news", status="draft", published_at=None)
    ImpactFigureFactory(label="convictions", value=816, qualifier="", headline=True)
    ImpactFigureFactory(label="not on the home page", headline=False)
    page = client.get(reverse("home")).content.decode()
    assert "Awareness for First Responders" in page
    assert "Los Angeles signs on" in page and "Draft news" not in page
    assert "816</span> convictions" in page and "not on the home page" not in page
    for pillar in Pillar.objects.all():
        assert f'href="{pillar.get_absolute_url()}"' in page


@pytest.mark.parametrize("count", [2, 40])
def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        SessionFactory(course__provider=OrganizationFactory())
        NewsPostFactory(pillar=Pillar.objects.first())
        ImpactFigureFactory(headline=True)
        ResourceFactory(featured=True)
    impact.refresh_impact_figures()  # the scheduled job; pages read the stored figures
    with django_assert_num_queries(5):
        assert client.get(reverse("home")).status_code == 200


# --- Pillars ----------------------------------------------------------------------------


def test_pillar_page_shows_its_meaning_trainings_and_news(client):
    prevention = Pillar.objects.get(slug="prevention")
    prevention.description = "Awareness **at home** and abroad."
    prevention.save()
    course = CourseFactory(title="Indicators for School Staff")
    course.pillars.add(prevention)
    CourseFactory(title="Draft course", published=False).pillars.add(prevention)
    CourseFactory(title="Prosecution course").pillars.add(Pillar.objects.get(slug="prosecution"))
    ResourceFactory(title="Indicator Card").pillars.add(prevention)
    ResourceFactory(title="Partner Toolkit", visibility="partners").pillars.add(prevention)
    ResourceFactory(title="Draft Poster", published=False).pillars.add(prevention)
    NewsPostFactory(title="Webinar launches", pillar=prevention)
    NewsPostFactory(title="Other pillar news", pillar=Pillar.objects.get(slug="protection"))
    page = client.get(prevention.get_absolute_url()).content.decode()
    assert "<h1>Prevention</h1>" in page and "<strong>at home</strong>" in page
    assert "Indicators for School Staff" in page and "Webinar launches" in page
    assert "Indicator Card" in page
    assert "Partner Toolkit" not in page and "Draft Poster" not in page
    assert 'href="/materials/?pillar=prevention"' in page
    assert "Draft course" not in page and "Prosecution course" not in page
    assert "Other pillar news" not in page
    assert 'href="/trainings/?pillar=prevention"' in page
    assert 'href="/news/?pillar=prevention"' in page


def test_unknown_pillar_is_not_found(client):
    assert client.get(reverse("pillar-detail", args=["fifth-p"])).status_code == 404


@pytest.mark.parametrize("count", [2, 40])
def test_pillar_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    pillar = Pillar.objects.get(slug="protection")
    for _ in range(count):
        CourseFactory(provider=OrganizationFactory()).pillars.add(pillar)
        ResourceFactory(publisher=OrganizationFactory()).pillars.add(pillar)
        NewsPostFactory(pillar=pillar)
    with django_assert_num_queries(5):
        assert client.get(pillar.get_absolute_url()).status_code == 200


# --- Sitemap and robots -----------------------------------------------------------------


def locations_in(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (the portal's own output)
    return [
        loc.text.removeprefix("http://testserver") for loc in root.findall(".//s:loc", SITEMAP_NS)
    ]


def sitemap_locations(client) -> set[str]:
    """Every page the sitemap index leads to, through each of its sitemaps."""
    return {
        page
        for part in locations_in(client, "/sitemap.xml")
        for page in locations_in(client, part)
    }


def test_the_sitemap_is_an_index_whose_sections_split_into_pages(client, monkeypatch):
    # Each material is listed once per language: 3 materials, 2 languages, 3 pages of 2.
    monkeypatch.setattr(MaterialSitemap, "limit", 2)
    materials = ResourceFactory.create_batch(3)
    parts = locations_in(client, "/sitemap.xml")
    assert "/sitemap-materials.xml" in parts and "/sitemap-materials.xml?p=3" in parts
    pages = [
        page
        for number in (1, 2, 3)
        for page in locations_in(client, f"/sitemap-materials.xml?p={number}")
    ]
    assert sorted(pages) == sorted(
        [m.get_absolute_url() for m in materials]
        + [f"/es{m.get_absolute_url()}" for m in materials]
    )
    assert client.get("/sitemap-materials.xml?p=4").status_code == 404


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client):
    """Search engines learn the Spanish address of every page and which one is default."""
    post = NewsPostFactory()
    response = client.get("/sitemap-news.xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the portal's own output)
    links = {
        (link.get("hreflang"), link.get("href").removeprefix("http://testserver"))
        for link in root.iter("{http://www.w3.org/1999/xhtml}link")
    }
    url = post.get_absolute_url()
    assert links == {("en", url), ("es", f"/es{url}"), ("x-default", url)}
    assert f"/es{url}" in locations_in(client, "/sitemap-news.xml")


def test_sitemap_lists_every_public_page_and_record(client):
    course = CourseFactory()
    draft_course = CourseFactory(published=False)
    organization = OrganizationFactory()
    unlisted = OrganizationFactory(listed=False)
    applied = OrganizationFactory(status="applied")
    post = NewsPostFactory()
    draft = NewsPostFactory(status="draft", published_at=None)
    material = ResourceFactory()
    partner_only = ResourceFactory(visibility="partners")
    draft_material = ResourceFactory(published=False)
    locations = sitemap_locations(client)
    for path in [
        "/",
        "/get-help/",
        "/news/",
        "/impact/",
        "/plan/",
        "/trainings/",
        "/partners/",
        "/materials/",
        "/about/",
        "/privacy/",
        "/accessibility/",
        "/contact/",
    ]:
        assert path in locations
    for pillar in Pillar.objects.all():
        assert pillar.get_absolute_url() in locations
    for record in [course, organization, post, material]:
        assert record.get_absolute_url() in locations
    for hidden in [draft_course, unlisted, applied, draft, partner_only, draft_material]:
        assert hidden.get_absolute_url() not in locations


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /accounts/" in text


# --- Titles and descriptions ------------------------------------------------------------


def test_every_campaign_page_has_its_own_title_and_description(client):
    post = NewsPostFactory(title="A news title", summary="A news summary.")
    pages = {
        reverse("home"): "Recognize and report",
        reverse("get-help"): "Get help",
        reverse("news-list"): "News",
        post.get_absolute_url(): "A news title",
        reverse("impact"): "Impact",
        reverse("plan"): "Action plan",
        reverse("pillar-detail", args=["protection"]): "Protection",
    }
    descriptions = set()
    for url, title in pages.items():
        page = client.get(url).content.decode()
        assert re.search(rf"<title>{title}[^<]* \| ", page), url
        description = re.search(r'<meta name="description" content="([^"]+)">', page).group(1)
        descriptions.add(description)
        assert " style=" not in page and "<script>" not in page, url
    assert len(descriptions) == len(pages)


def test_navigation_links_news_and_impact(client):
    page = client.get(reverse("get-help")).content.decode()
    assert 'href="/news/"' in page and 'href="/impact/"' in page


def test_materials_and_news_carry_open_graph_tags(client):
    material = ResourceFactory(title="Indicator Card", summary="Signs to look for.")
    page = client.get(material.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Indicator Card">' in page
    assert '<meta property="og:description" content="Signs to look for.">' in page
    assert (
        f'<meta property="og:url" content="http://testserver{material.get_absolute_url()}">'
        in (page)
    )
    assert '<meta property="og:locale" content="en">' in page
    assert "og:image" not in page  # no thumbnail, no image
    post = NewsPostFactory(title="News title")
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="News title">' in page
    assert "og:locale" not in page


def test_the_sitemap_index_dates_each_section_without_loading_its_records(client):
    materials = ResourceFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    # lastmod is written in the site's zone; near midnight UTC the dates differ
    newest = timezone.localtime(max(m.updated_at for m in materials))
    assert newest.strftime("%Y-%m-%d") in response.content.decode()
    assert not [q for q in queries if q["sql"].startswith('SELECT "resources_resource"."id"')]


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 7])
def test_sitemap_pages_of_any_size_list_each_record_in_each_language_once(
    client, monkeypatch, limit
):
    """Pages cut between two languages of one record still list every pair exactly once."""
    monkeypatch.setattr(MaterialSitemap, "limit", limit)
    materials = ResourceFactory.create_batch(3)
    sitemap = MaterialSitemap()
    pages = sitemap.paginator
    pairs = [pair for number in pages.page_range for pair in pages.page(number).object_list]
    assert pairs == [(m, code) for m in materials for code in ("en", "es")]
