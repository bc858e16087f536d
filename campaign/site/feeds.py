"""The news as RSS 2.0 and Atom 1.0 feeds (django.contrib.syndication)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from campaign.site.queries import published_news

FEED_ITEMS = 20


class NewsRSSFeed(Feed):
    description = "News of the campaign and its partners."

    def title(self) -> str:
        return f"{settings.SITE_NAME}: news"

    def link(self) -> str:
        return reverse("news-list")

    def feed_url(self) -> str:
        return reverse("news-rss")

    def items(self):
        return published_news()[:FEED_ITEMS]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item) -> list[str]:
        return [item.pillar.name] if item.pillar else []


class NewsAtomFeed(NewsRSSFeed):
    feed_type = Atom1Feed
    subtitle = NewsRSSFeed.description

    def feed_url(self) -> str:
        return reverse("news-atom")
