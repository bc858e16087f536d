from dataclasses import asdict

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View, i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from campaign import access
from campaign.context_processors import navigation, portal_settings
from campaign.csv_export import csv_response
from campaign.models import ActionItem, ImpactFigure, Pillar, User
from campaign.pages import CrumbsMixin, found_or_404
from campaign.public import public
from campaign.site import charts, impact, queries
from campaign.site.filters import ActionItemFilter, NewsFilter
from campaign.uploads import file_response
from resources.queries import featured_materials
from training.queries import upcoming_sessions

CALLS_TO_ACTION = [
    (
        _("Find awareness materials"),
        _("Posters, indicator cards and guides to download or order in print."),
        "resources:resource-list",
    ),
    (
        _("Find a training"),
        _("Webinars, roll-call videos and classroom sessions for your staff."),
        "training:catalog",
    ),
    (
        _("Become a partner"),
        _("Bring the campaign to your agency, association or organization."),
        "partners:apply",
    ),
    (
        _("Get help"),
        _("How to report a suspected case and where victims can find help."),
        "get-help",
    ),
]


@public
class HomeView(TemplateView):
    template_name = "campaign/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            pillars=Pillar.objects.all(),
            featured_materials=featured_materials(queries.HOME_ITEMS),
            upcoming_sessions=upcoming_sessions()[: queries.HOME_ITEMS],
            latest_news=queries.published_news()[: queries.HOME_ITEMS],
            totals=impact.current_figures().totals,
            min_people=impact.MIN_PEOPLE,
            headline_figures=queries.headline_figures(),
        )
        context["calls_to_action"] = [
            {"title": title, "text": text, "url": reverse(url_name)}
            for title, text, url_name in CALLS_TO_ACTION
        ]
        return context


@public
class GetHelpView(TemplateView):
    template_name = "campaign/get_help.html"
    extra_context = {"crumbs": [(_("Get help"), None)]}


@public
class PillarDetailView(TemplateView):
    """What a pillar means, and the trainings and news tagged with it."""

    template_name = "campaign/pillar_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pillar = get_object_or_404(Pillar, slug=kwargs["slug"])
        context.update(
            pillar=pillar,
            materials=queries.materials_of_pillar(pillar, self.request.user)[
                : queries.PILLAR_ITEMS
            ],
            # materials_of_pillar puts the page's language first, on a page not in English.
            language_first=get_language() != settings.LANGUAGE_CODE,
            courses=queries.courses_of_pillar(pillar)[: queries.PILLAR_ITEMS],
            news=queries.news_of_pillar(pillar)[: queries.PILLAR_ITEMS],
            other_pillars=Pillar.objects.exclude(pk=pillar.pk),
            crumbs=[(pillar.name, None)],
        )
        return context


@public
class NewsListView(CrumbsMixin, FilterView):
    template_name = "campaign/news_list.html"
    filterset_class = NewsFilter
    paginate_by = 10
    context_object_name = "posts"

    def get_queryset(self):
        # Filtering by partner joins the organizations: one row a post all the same.
        return queries.news_with_partners(queries.published_news()).distinct()

    def get_crumbs(self):
        return [(_("News"), None)]


@public
class NewsDetailView(TemplateView):
    template_name = "campaign/news_detail.html"
    preview = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = found_or_404(queries.news_post, kwargs["slug"], published_only=not self.preview)
        allowed = access.can_preview_news_post if self.preview else access.can_see_news_post
        if not allowed(self.request.user, post):
            raise Http404
        context.update(
            post=post,
            preview=self.preview,
            canonical_url=self.request.build_absolute_uri(post.get_absolute_url()),
            crumbs=[(_("News"), reverse("news-list")), (post.title, None)],
        )
        return context


@public
class ImpactView(TemplateView):
    template_name = "campaign/impact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = impact.current_figures()
        context.update(
            totals=figures.totals,
            sections=[
                (breakdown, charts.chart_for(breakdown)) for breakdown in figures.breakdowns
            ],
            figures=ImpactFigure.objects.all(),
            min_people=impact.MIN_PEOPLE,
            crumbs=[(_("Impact"), None)],
        )
        return context


def impact_rows() -> list[dict]:
    """Every aggregate of the impact page as flat rows, for the downloads."""
    rows = []
    for breakdown in impact.current_figures().breakdowns:
        for row in breakdown.rows:
            rows.append(
                {
                    "section": breakdown.key,
                    "title": breakdown.title,
                    "unit": breakdown.unit,
                    "label": row.label,
                    "value": row.value,
                    "suppressed": row.suppressed,
                }
            )
    return rows


@public
class ImpactCSVView(View):
    def get(self, request):
        return csv_response(
            filename="impact.csv",
            header=["section", "title", "unit", "label", "value", "note"],
            rows=self.rows(),
        )

    def rows(self):
        for row in impact_rows():
            yield [
                row["section"],
                row["title"],
                row["unit"],
                row["label"],
                "" if row["suppressed"] else row["value"],
                f"fewer than {impact.MIN_PEOPLE}" if row["suppressed"] else "",
            ]
        for figure in ImpactFigure.objects.all():
            yield [
                "reported_figures",
                f"Reported by {figure.source} for {figure.year}",
                "",
                figure.label,
                figure.value,
                " ".join(filter(None, [figure.qualifier, figure.source_url])),
            ]


@public
class ImpactJSONView(View):
    def get(self, request):
        sections: dict[str, dict] = {}
        for row in impact_rows():
            section = sections.setdefault(
                row["section"], {"title": row["title"], "unit": row["unit"], "rows": []}
            )
            section["rows"].append(
                {"label": row["label"], "value": row["value"], "suppressed": row["suppressed"]}
            )
        totals = impact.current_figures().totals
        data = {
            "generated_at": timezone.now().isoformat(),
            "suppressed_below": impact.MIN_PEOPLE,
            "totals": asdict(totals),
            "sections": sections,
            "reported_figures": [
                {
                    "label": figure.label,
                    "value": figure.value,
                    "qualifier": figure.qualifier,
                    "year": figure.year,
                    "source": figure.source,
                    "source_url": figure.source_url,
                }
                for figure in ImpactFigure.objects.all()
            ],
        }
        response = JsonResponse(data, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = 'attachment; filename="impact.json"'
        return response


@public
class PlanView(ListView):
    """The action plan: goals, objectives and action items, with progress."""

    template_name = "campaign/plan.html"
    paginate_by = 5
    context_object_name = "goals"

    def get_queryset(self):
        items = ActionItem.objects.all()
        self.filterset = ActionItemFilter(self.request.GET, queryset=items)
        items = self.filterset.qs if self.filterset.is_valid() else items.none()
        return queries.plan_goals(items=items)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter=self.filterset,
            filtering=any(self.filterset.data.get(name) for name in self.filterset.filters),
            crumbs=[(_("Action plan"), None)],
        )
        return context


@public
class RobotsView(View):
    def get(self, request):
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /accounts/",
            "Disallow: /partners/mine/",
            "Disallow: /partners/invitations/",
            "Disallow: /trainings/mine/",
            "Disallow: /trainings/calendar/",
            "Disallow: /trainings/give-back/",
            "Disallow: /news/*/preview/",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        ]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page in the layout, rendered without the request: whatever failed may fail again."""
    context = {**portal_settings(), **navigation("")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def public_media(request, name: str):
    """Public uploads (logos, thumbnails) in development, served like every upload; in
    production the front server serving MEDIA_URL must send the same headers."""
    try:
        handle = storages["default"].open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
        raise Http404 from None
    return file_response(handle, download_stem="file")


@login_not_required
@csrf_exempt
def set_language(request):
    """Django's language switch (a cookie, then back to the same page in the new
    language); a signed-in person's choice is also stored, for the email sent to them.

    Exempt from CSRF so the selector on every page carries no token: a token would give each
    public page a cookie, which keeps it from being compressed or cached. A forged switch
    can only change the language a person reads, which they change back in one click."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response
