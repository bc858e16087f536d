import django_filters
from django.utils.translation import gettext_lazy as _

from campaign.filters import language_filter, vocabulary_filter
from campaign.models import Audience, Pillar
from campaign.search import search_text
from partners.models import Organization
from resources.models import Resource
from resources.queries import visitor_language_first

SORTS = [
    ("relevance", _("Best match")),
    ("newest", _("Newest")),
    ("downloads", _("Most downloaded")),
    ("title", _("Title")),
]
# A search ranks, counts and lists at most this many of its newest matches: a common word
# ("trafficking" is in most materials) stays as fast as a rare one.
SEARCH_CANDIDATES = 1000
ORDERINGS = {
    "newest": ["-created_at", "-pk"],
    "downloads": ["-download_count", "title", "pk"],
    "title": ["title", "pk"],
}


class ResourceFilter(django_filters.FilterSet):
    """Library filters; facets link to the same parameters, so the page works without JS."""

    q = django_filters.CharFilter(label=_("Search materials"), method="search")
    kind = django_filters.ChoiceFilter(choices=Resource.Kind.choices, empty_label=_("Any kind"))
    audience = vocabulary_filter(Audience, method="by_audience", empty_label=_("Any audience"))
    pillar = vocabulary_filter(Pillar, method="by_pillar", empty_label=_("Any pillar"))
    language = language_filter()
    publisher = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(),
        to_field_name="slug",
        empty_label=_("Any publisher"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="by_sort", empty_label=None
    )

    def search(self, queryset, name, value):
        return search_text(
            queryset,
            value,
            fields=["title", "summary", "description"],
            vector_field="search_vector",
            candidates=SEARCH_CANDIDATES,
        )

    def by_audience(self, queryset, name, value):
        return queryset.filter(pk__in=Resource.objects.filter(audiences=value).values("pk"))

    def by_pillar(self, queryset, name, value):
        return queryset.filter(pk__in=Resource.objects.filter(pillars=value).values("pk"))

    def by_sort(self, queryset, name, value):
        # Relevance is the order search already gave; without a search it means newest.
        if value == "relevance" and self.form.cleaned_data.get("q", "").strip():
            return queryset
        return queryset.order_by(*ORDERINGS.get(value, ORDERINGS["newest"]))

    def filter_queryset(self, queryset):
        queryset = queryset.order_by(*ORDERINGS["newest"])
        data = dict(self.form.cleaned_data)
        sort = data.pop("sort", None) or ("relevance" if data.get("q") else "newest")
        # The search goes last: it takes its candidates among the materials the other
        # filters leave.
        text = data.pop("q", "")
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        queryset = self.filters["q"].filter(queryset, text)
        queryset = self.by_sort(queryset, "sort", sort)
        return queryset if data.get("language") else visitor_language_first(queryset)
