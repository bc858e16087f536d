"""One search over the whole site: materials, trainings, upcoming sessions, partners, news
and the site's own pages, each kind searched with its own index and shown in its group."""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from campaign.models import ContentPage
from campaign.public import public
from campaign.search import ranked_search, top_with_total
from campaign.site import queries
from partners.queries import public_organizations
from resources.queries import visible_resources
from training.queries import upcoming_sessions

# How many results of each kind the page shows, ranked among the first CANDIDATES matches
# of the kind; a kind with that many matches or more shows its count as "200+".
RESULTS_PER_KIND = 5
CANDIDATES = 200


@dataclass
class ResultGroup:
    key: str
    label: str
    results: list
    total: int
    best_rank: float

    @property
    def capped(self) -> bool:
        """True when the kind has at least CANDIDATES matches (its total is a floor)."""
        return self.total >= CANDIDATES


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200, required=False)


# The fields each kind's plain (SQLite) search looks in; PostgreSQL reads stored vectors.
TEXT_FIELDS = ["title", "summary", "description"]
NEWS_FIELDS = ["title", "summary", "body"]
PARTNER_FIELDS = ["name", "acronym", "description"]


def search_site(query: str, *, user, language: str | None) -> list[ResultGroup]:
    """The groups that have results, best-ranked group first: one query per kind, each its
    top RESULTS_PER_KIND by rank among its first CANDIDATES matches, with their count."""

    def matches(queryset: QuerySet, fields: list[str], vector_fields=None) -> QuerySet:
        return ranked_search(
            queryset,
            query,
            fields=fields,
            language=language,
            vector_fields=vector_fields,
            within_first=CANDIDATES,
        )

    def group(key, label, found: QuerySet, order=("-search_rank", "pk")) -> ResultGroup:
        rows, total = top_with_total(found.order_by(*order), limit=RESULTS_PER_KIND)
        best = getattr(rows[0], "search_rank", 0) if rows else 0
        return ResultGroup(key, label, rows, total, best)

    courses = matches(queries.published_courses(), TEXT_FIELDS)
    # Soonest first; like the other kinds, counted up to CANDIDATES.
    soonest = (
        upcoming_sessions()
        .filter(course__in=courses.values("pk"))
        .order_by("starts_at", "pk")
        .values("pk")[:CANDIDATES]
    )
    sessions = upcoming_sessions().filter(pk__in=soonest)
    groups = [
        group(
            "materials",
            _("Materials"),
            matches(
                visible_resources(user),
                TEXT_FIELDS,
                vector_fields={"en": "search_vector", "es": "search_es"},
            ),
        ),
        group("trainings", _("Trainings"), courses),
        group("sessions", _("Upcoming sessions"), sessions, order=("starts_at", "pk")),
        group("partners", _("Partners"), matches(public_organizations(), PARTNER_FIELDS)),
        group("news", _("News"), matches(queries.published_news(), NEWS_FIELDS)),
        group("pages", _("About the portal"), matches(ContentPage.objects.all(), NEWS_FIELDS)),
    ]
    found = [group for group in groups if group.total]
    return sorted(found, key=lambda group: -group.best_rank)


@public
class SearchView(TemplateView):
    template_name = "campaign/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        groups = (
            search_site(query, user=self.request.user, language=translation.get_language())
            if query
            else []
        )
        context.update(
            form=form,
            query=query,
            groups=groups,
            total=sum(group.total for group in groups),
            capped=any(group.capped for group in groups),
            crumbs=[(_("Search"), None)],
        )
        return context
