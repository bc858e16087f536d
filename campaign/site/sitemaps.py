"""sitemap.xml: every public page in every language (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from campaign.models import Pillar
from campaign.site.queries import public_materials, published_courses, published_news
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
    "about",
    "privacy",
    "accessibility",
    "contact",
]


class PageSitemap(Sitemap):
    """Each page once per language, with hreflang alternates naming the others."""

    i18n = True
    alternates = True
    x_default = True


class StaticPageSitemap(PageSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return STATIC_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class PillarSitemap(PageSitemap):
    changefreq = "monthly"

    def items(self):
        return Pillar.objects.all()

    def location(self, item) -> str:
        return item.get_absolute_url()


class EachInEachLanguage:
    """(record, language) pairs of a queryset, record by record, as Django's i18n sitemap
    lists them, without loading the records: counted with one COUNT, sliced per page."""

    def __init__(self, records, languages: list[str]):
        self.records = records
        self.languages = languages

    def count(self) -> int:
        return self.records.count() * len(self.languages)

    def __getitem__(self, part: slice) -> list:
        width = len(self.languages)
        first, last = part.start or 0, part.stop
        records = self.records[first // width : -(-last // width)]
        pairs = [(record, code) for record in records for code in self.languages]
        offset = first - first % width
        return pairs[first - offset : last - offset]


class RecordSitemap(PageSitemap):
    """Public records with their own pages, dated by their last change."""

    changefreq = "monthly"
    public_records = None  # a function returning the queryset of public records
    # URLs per sitemap page, each language counting once (the protocol allows 50,000); a
    # page stays small and quick.
    limit = 1_000

    def items(self):
        return type(self).public_records().order_by("pk")

    def _items(self):
        # Django's i18n sitemap builds the list of every (record, language) to paginate it,
        # loading every record even for the index, which only needs the number of pages.
        return EachInEachLanguage(self.items(), self._languages())

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every record to take the newest date; one MAX instead.
        return type(self).public_records().aggregate(latest=Max("updated_at"))["latest"]


class NewsSitemap(RecordSitemap):
    public_records = published_news


class CourseSitemap(RecordSitemap):
    changefreq = "weekly"
    public_records = published_courses


class OrganizationSitemap(RecordSitemap):
    public_records = public_organizations


class MaterialSitemap(RecordSitemap):
    public_records = public_materials


SITEMAPS = {
    "pages": StaticPageSitemap,
    "pillars": PillarSitemap,
    "news": NewsSitemap,
    "trainings": CourseSitemap,
    "partners": OrganizationSitemap,
    "materials": MaterialSitemap,
}
