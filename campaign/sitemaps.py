"""sitemap.xml: every public page (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaign.context_processors import reverse_if_exists
from campaign.models import Pillar
from campaign.queries import published_courses, published_news
from partners.queries import public_organizations

# Public pages that are not records; a page whose app has not landed is left out.
STATIC_PAGES = [
    "home",
    "get-help",
    "news-list",
    "impact",
    "plan",
    "training:catalog",
    "partners:directory",
    "partners:apply",
    "resources:resource-list",
]


class StaticPageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [name for name in STATIC_PAGES if reverse_if_exists(name)]

    def location(self, item: str) -> str:
        return reverse(item)


class PillarSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Pillar.objects.all()

    def location(self, item) -> str:
        return item.get_absolute_url()


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return published_news().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class CourseSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return published_courses().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class OrganizationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public_organizations().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPageSitemap,
    "pillars": PillarSitemap,
    "news": NewsSitemap,
    "trainings": CourseSitemap,
    "partners": OrganizationSitemap,
}
