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

# How many results of each kind the page shows: a bounded top-N keeps every search fast.
RESULTS_PER_KIND = 5


@dataclass
class ResultGroup:
    key: str
    label: str
    results: list
    total: int
    best_rank: float


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200, required=False)


def search_site(query: str, *, user, language: str | None) -> list[ResultGroup]:
    """The groups that have results, best-ranked group first: one query per kind, each its
    top RESULTS_PER_KIND by rank with the kind's total count."""

    def ranked(key, label, queryset: QuerySet, fields, vector_field=None) -> ResultGroup:
        matches = ranked_search(
            queryset, query, fields=fields, language=language, vector_field=vector_field
        )
        rows, total = top_with_total(
            matches.order_by("-search_rank", "pk"), limit=RESULTS_PER_KIND
        )
        return ResultGroup(key, label, rows, total, rows[0].search_rank if rows else 0)

    courses = ranked_search(
        queries.published_courses(),
        query,
        fields=["title", "summary", "description"],
        language=language,
    )
    session_rows, session_total = top_with_total(
        upcoming_sessions().filter(course__in=courses.values("pk")), limit=RESULTS_PER_KIND
    )
    groups = [
        ranked(
            "materials",
            _("Materials"),
            visible_resources(user),
            ["title", "summary", "description"],
            vector_field="search_vector",
        ),
        ranked(
            "trainings",
            _("Trainings"),
            queries.published_courses(),
            ["title", "summary", "description"],
        ),
        ResultGroup("sessions", _("Upcoming sessions"), session_rows, session_total, 0),
        ranked(
            "partners", _("Partners"), public_organizations(), ["name", "acronym", "description"]
        ),
        ranked("news", _("News"), queries.published_news(), ["title", "summary", "body"]),
        ranked(
            "pages", _("About the portal"), ContentPage.objects.all(), ["title", "summary", "body"]
        ),
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
            crumbs=[(_("Search"), None)],
        )
        return context
