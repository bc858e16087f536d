"""News: Markdown rendered safely, list with filters, detail, preview, feeds."""

from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.markdown import render_markdown
from campaign.models import Pillar
from tests.factories import NewsPostFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [post.title for post in response.context["posts"]]


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_renders_formatting_and_safe_links():
    html = render_markdown("# Heading\n\n**bold** [hotline](https://humantraffickinghotline.org)")
    assert "<h2>Heading</h2>" in html  # the page title is the only h1
    assert "<strong>bold</strong>" in html
    assert '<a href="https://humantraffickinghotline.org">hotline</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "<javascript:alert(1)>",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "[vb](vbscript:msgbox(1))",
        "![pixel](https://tracker.example/pixel.png)",
    ],
)
def test_markdown_lets_no_html_script_or_dangerous_link_through(text):
    html = render_markdown(text)
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html.lower()
    assert 'href="data' not in html and 'href="vbscript' not in html
    assert "onerror=" not in html or "&lt;img" in html


def test_raw_html_in_a_post_is_shown_as_text_on_the_page(client):
    post = NewsPostFactory(body="<script>alert('x')</script>\n\n[bad](javascript:alert(1))")
    page = client.get(post.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;" in page
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page


# --- List and filters -------------------------------------------------------------------


def test_list_shows_published_posts_newest_first(client):
    now = timezone.now()
    NewsPostFactory(title="Older", published_at=now - timedelta(days=10))
    NewsPostFactory(title="Newer", published_at=now - timedelta(days=1))
    NewsPostFactory(title="Draft", status="draft", published_at=None)
    NewsPostFactory(title="Scheduled", published_at=now + timedelta(days=3))
    assert titles(client.get(reverse("news-list"))) == ["Newer", "Older"]


def test_list_filters_by_pillar_and_partner(client):
    caceo = OrganizationFactory(name="CACEO", slug="caceo")
    prevention = Pillar.objects.get(slug="prevention")
    NewsPostFactory(title="Webinar", pillar=prevention).organizations.add(caceo)
    NewsPostFactory(title="Los Angeles", pillar=Pillar.objects.get(slug="partnerships"))
    url = reverse("news-list")
    assert titles(client.get(url, {"pillar": "prevention"})) == ["Webinar"]
    assert titles(client.get(url, {"partner": "caceo"})) == ["Webinar"]
    assert titles(client.get(url, {"pillar": "partnerships", "partner": "caceo"})) == []


def test_list_answers_bad_filters_with_a_message_not_an_error(client):
    NewsPostFactory()
    response = client.get(reverse("news-list"), {"pillar": "nope", "partner": "<x>"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert titles(response) == []
    assert client.get(reverse("news-list"), {"page": "abc"}).status_code == 404
    assert client.get(reverse("news-list"), {"page": "999"}).status_code == 404


def test_list_is_paginated(client):
    NewsPostFactory.create_batch(12)
    first = client.get(reverse("news-list"))
    assert len(first.context["posts"]) == 10
    assert len(client.get(reverse("news-list"), {"page": 2}).context["posts"]) == 2


@pytest.mark.parametrize("count", [2, 40])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    pillar = Pillar.objects.get(slug="protection")
    for _ in range(count):
        NewsPostFactory(pillar=pillar).organizations.add(OrganizationFactory())
    with django_assert_num_queries(5):
        response = client.get(reverse("news-list"))
    assert response.status_code == 200


# --- Detail and preview -----------------------------------------------------------------


def test_detail_shows_the_post_its_partners_and_open_graph_tags(client):
    caceo = OrganizationFactory(name="California Code Enforcement", slug="caceo")
    hidden = OrganizationFactory(name="Unlisted Office", listed=False)
    post = NewsPostFactory(
        title="CACEO joins", summary="Code enforcement officers join.", body="# Launch\n\nText"
    )
    post.organizations.add(caceo, hidden)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<h1>CACEO joins</h1>" in page and "<h2>Launch</h2>" in page
    assert 'href="/partners/caceo/"' in page and "Unlisted Office" not in page
    assert '<meta property="og:title" content="CACEO joins">' in page
    assert '<meta property="og:description" content="Code enforcement officers join.">' in page
    assert f'content="http://testserver{post.get_absolute_url()}"' in page
    assert '<meta name="description" content="Code enforcement officers join.">' in page
    assert "<title>CACEO joins | " in page
    assert 'rel="alternate" type="application/rss+xml"' in page
    assert 'href="/news/feed/atom/"' in page


def test_drafts_and_scheduled_posts_are_not_found(client):
    draft = NewsPostFactory(status="draft", published_at=None)
    scheduled = NewsPostFactory(published_at=timezone.now() + timedelta(days=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get(reverse("news-detail", args=["no-such-post"])).status_code == 404


def test_only_campaign_admins_preview_drafts(client, campaign_admin):
    draft = NewsPostFactory(title="Draft story", status="draft", published_at=None)
    url = reverse("news-preview", args=[draft.slug])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(campaign_admin)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft story" in page and "a draft" in page
    assert '<meta name="robots" content="noindex">' in page
    assert client.get(reverse("news-preview", args=["nope"])).status_code == 404


# --- Feeds ------------------------------------------------------------------------------


def test_rss_feed_is_valid_rss_with_the_published_posts(client):
    post = NewsPostFactory(title="Feed story", summary="Summary for the feed.")
    NewsPostFactory(title="Hidden draft", status="draft", published_at=None)
    response = client.get(reverse("news-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.title.endswith("news") and feed.feed.link.endswith("/news/")
    assert [entry.title for entry in feed.entries] == ["Feed story"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{post.get_absolute_url()}"
    assert entry.summary == "Summary for the feed." and entry.published_parsed


def test_atom_feed_is_valid_atom_with_the_published_posts(client):
    NewsPostFactory(title="Atom story", pillar=Pillar.objects.get(slug="prosecution"))
    response = client.get(reverse("news-atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.title == "Atom story" and entry.id and entry.updated_parsed
    assert [tag.term for tag in entry.tags] == ["Prosecution"]


def test_news_list_links_to_its_feeds(client):
    page = client.get(reverse("news-list")).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert ">RSS feed</a>" in page and ">Atom feed</a>" in page
