"""The news as RSS 2.0 and Atom 1.0 feeds (django.contrib.syndication)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from campaign.site.queries import published_news

FEED_ITEMS = 20


class NewsRSSFeed(Feed):
    """The news in the language of the feed's address (/news/feed/rss/, /es/news/feed/rss/):
    titles, summaries and links in that language, falling back to English per post."""

    def title(self) -> str:
        return _("%(site)s: news") % {"site": _(settings.SITE_NAME)}

    def description(self) -> str:
        return _("News of the campaign and its partners.")

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

    def subtitle(self) -> str:
        return self.description()

    def feed_url(self) -> str:
        return reverse("news-atom")
