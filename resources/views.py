from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from campaign.pages import CrumbsMixin, found_or_404
from campaign.public import public
from campaign.throttle import RateLimitedPostMixin
from campaign.uploads import file_response
from partners.queries import active_organization_ids
from resources import queries, services
from resources.filters import SEARCH_CANDIDATES, ResourceFilter
from resources.forms import OrderForm
from resources.models import Resource

FACET_TITLES = [
    ("kind", _("Kind")),
    ("audience", _("Audience")),
    ("pillar", _("Pillar")),
    ("language", _("Language")),
    ("publisher", _("Publisher")),
]


def with_param(query, name: str, value: str | None) -> str:
    """The query string with `name` set to `value` (or removed), without the page."""
    query = query.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = value
    return query.urlencode()


@public
class ResourceListView(ListView):
    template_name = "resources/resource_list.html"
    paginate_by = 20
    context_object_name = "resources"

    def get_queryset(self):
        visible = queries.visible_resources(self.request.user)
        data = self.request.GET.copy()
        if not data.get("sort"):
            # Show the order actually used: relevance for a search, else newest first.
            data["sort"] = "relevance" if data.get("q", "").strip() else "newest"
        self.filterset = ResourceFilter(data, queryset=visible)
        if not self.filterset.is_valid():
            return visible.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        chosen = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        facet_counts = queries.cached_facets(self.object_list)
        facet_groups = []
        for name, title in FACET_TITLES:
            current = query.get(name, "")
            values = [
                {
                    "label": value.label,
                    "count": value.count,
                    "selected": value.value == current,
                    "url": "?" + with_param(query, name, value.value),
                }
                for value in facet_counts[name]
            ]
            facet_groups.append(
                {
                    "name": name,
                    "title": title,
                    "values": values,
                    "clear_url": "?" + with_param(query, name, None) if current else "",
                }
            )
        searched = chosen.get("q", "").strip()
        context.update(
            filter=self.filterset,
            search_capped=SEARCH_CANDIDATES
            if searched and context["paginator"].count >= SEARCH_CANDIDATES
            else None,
            facet_groups=facet_groups,
            first_language=self.first_language(query, chosen),
            # Shown above the results, each with the link that removes it.
            active_filters=[
                {"title": group["title"], "label": value["label"], "clear_url": group["clear_url"]}
                for group in facet_groups
                for value in group["values"]
                if value["selected"]
            ],
            kept_filters=[
                (name, query[name]) for name, _title in FACET_TITLES if chosen.get(name)
            ],
            crumbs=[(_("Materials"), None)],
        )
        return context

    def first_language(self, query, chosen) -> dict | None:
        """The page's language, when the list puts it first (see visitor_language_first)."""
        language = get_language()
        if language == settings.LANGUAGE_CODE or chosen.get("language"):
            return None
        return {
            "name": queries.LANGUAGE_NAMES.get(language, language),
            "only_query": with_param(query, "language", language),
        }


@public
class ResourceDetailView(TemplateView):
    template_name = "resources/resource_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        resource = found_or_404(queries.resource_detail, kwargs["slug"], user)
        translations = queries.translations_of(resource, user)
        context.update(
            resource=resource,
            translations=translations,
            # The version in the page's language, when this one is in another.
            in_your_language=next((t for t in translations if t.language == get_language()), None),
            crumbs=[(_("Materials"), reverse("resources:resource-list")), (resource.title, None)],
        )
        return context


def content_disposition(resource: Resource) -> str:
    """An attachment with a generated ASCII name and the title's own name per RFC 5987."""
    extension = resource.download_filename.rsplit(".", 1)[-1]
    readable = f"{resource.title}.{extension}".replace("/", "-").replace("\\", "-")
    return (
        f'attachment; filename="{resource.download_filename}"; '
        f"filename*=UTF-8''{quote(readable, safe='')}"
    )


@public
class ResourceDownloadView(View):
    """Serves the file and counts the download; partner-only files only to partner staff."""

    # HEAD would count a download that nobody received.
    http_method_names = ["get", "options"]

    def get(self, request, slug):
        resource = found_or_404(queries.visible_resources(request.user).get, slug=slug)
        if not resource.file and not resource.external_url:
            raise Http404
        if resource.external_url:
            services.record_download(resource=resource)
            return redirect(resource.external_url)
        storage = storages["private"]
        try:
            path = storage.path(resource.file.name)
        except NotImplementedError:
            # A remote store (S3): hand out its short-lived signed link.
            services.record_download(resource=resource)
            return redirect(storage.url(resource.file.name))
        try:
            handle = open(path, "rb")  # noqa: SIM115 — FileResponse closes it
        except FileNotFoundError:
            raise Http404 from None
        # Counted only once the file is open: a missing file is a 404, not a download.
        services.record_download(resource=resource)
        response = file_response(handle, download_stem=resource.slug, as_attachment=True)
        response["Content-Disposition"] = content_disposition(resource)
        response["Cache-Control"] = "private, no-store" if resource.is_partner_only else "public"
        return response


@public
class OrderView(CrumbsMixin, RateLimitedPostMixin, FormView):
    """Anyone may request printed copies; a honeypot and a rate limit keep bots out."""

    template_name = "resources/order.html"
    form_class = OrderForm
    rate_group = "resources.order"
    rate_setting = "RESOURCE_ORDER_RATE"
    rate_message = "Too many orders from this connection. Try again in an hour."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["resources"] = queries.orderable_resources(self.request.user)
        return kwargs

    def get_initial(self):
        initial = {}
        user = self.request.user
        wanted = self.request.GET.get("material", "")
        for resource in queries.orderable_resources(user).filter(slug=wanted or None):
            initial[OrderForm.quantity_field(resource)] = min(10, resource.max_per_order)
        if user.is_authenticated:
            initial.update(contact_name=user.name, email=user.email)
            organization = self.partner_organization()
            if organization is not None:
                initial["organization_name"] = organization.name
            initial["shipping_address"] = queries.last_shipping_address(user)
        return initial

    def partner_organization(self):
        from partners.models import Organization

        ids = active_organization_ids(self.request.user)
        return Organization.objects.filter(pk=ids[0]).first() if ids else None

    def get_crumbs(self):
        return [
            (_("Materials"), reverse("resources:resource-list")),
            (_("Order printed copies"), None),
        ]

    def form_valid(self, form):
        if form.is_bot():
            # Answer as if it worked, so the bot learns nothing.
            return redirect("resources:order-thanks")
        user = self.request.user if self.request.user.is_authenticated else None
        try:
            services.place_order(
                requester=user,
                organization=self.partner_organization() if user else None,
                items=form.items(),
                **{name: form.cleaned_data[name] for name in OrderForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("resources:order-thanks")


@public
class OrderThanksView(TemplateView):
    template_name = "resources/order_thanks.html"
    extra_context = {
        "crumbs": [
            (_("Materials"), reverse_lazy("resources:resource-list")),
            (_("Order received"), None),
        ],
    }


class MyOrdersView(CrumbsMixin, ListView):
    template_name = "resources/my_orders.html"
    paginate_by = 20
    context_object_name = "orders"

    def get_queryset(self):
        return queries.orders_of(self.request.user)

    def get_crumbs(self):
        return [
            (_("Materials"), reverse("resources:resource-list")),
            (_("My orders"), None),
        ]
