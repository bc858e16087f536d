from functools import partial

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from campaign.admin_actions import answer_with_reason, run_over_selection
from campaign.admin_parts import OwnPagesMixin, ReferenceInline
from campaign.csv_export import csv_response
from campaign.errors import error_text
from campaign.languages import LANGUAGES
from campaign.uploads import file_response
from resources import (
    dashboard,  # noqa: F401  (its sections join the admin index)
    services,
)
from resources.forms import ResourceAdminForm
from resources.models import MaterialOrder, OrderItem, Resource, TranslationGroup


class TranslationInline(ReferenceInline):
    """The versions of one material, one per language."""

    model = Resource
    fk_name = "translation_group"
    fields = ["title", "language", "visibility", "published"]
    show_change_link = True


@admin.register(TranslationGroup)
class TranslationGroupAdmin(OwnPagesMixin, admin.ModelAdmin):
    list_display = ["name", "languages"]
    search_fields = ["name"]
    inlines = [TranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("resources")

    @admin.display(description="Languages")
    def languages(self, obj) -> str:
        return ", ".join(sorted(r.language for r in obj.resources.all()))

    own_pages = [("coverage/", "coverage_view", "coverage")]

    def coverage_view(self, request):
        """Which materials exist in which languages, so gaps stand out."""
        if not self.has_view_permission(request):
            raise Http404
        rows: dict[str, dict[str, Resource]] = {}
        for resource in Resource.objects.select_related("translation_group").order_by("title"):
            name = (
                resource.translation_group.name if resource.translation_group else resource.title
            )
            key = (
                f"g{resource.translation_group_id}"
                if resource.translation_group_id
                else f"r{resource.pk}"
            )
            rows.setdefault(key, {"name": name, "versions": {}})["versions"][resource.language] = (
                resource
            )
        used = {code for row in rows.values() for code in row["versions"]}
        languages = [(code, label) for code, label in LANGUAGES if code in used]
        table = [
            {
                "name": row["name"],
                "cells": [(code, row["versions"].get(code)) for code, _label in languages],
            }
            for row in sorted(rows.values(), key=lambda r: r["name"])
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Materials by language",
            "languages": languages,
            "table": table,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/resources/language_coverage.html", context)


@admin.register(Resource)
class ResourceAdmin(OwnPagesMixin, admin.ModelAdmin):
    form = ResourceAdminForm
    list_display = [
        "preview",
        "title",
        "kind",
        "language",
        "visibility",
        "published",
        "orderable",
        "download_count",
    ]
    list_display_links = ["title"]
    list_filter = [
        "published",
        "visibility",
        "kind",
        "language",
        "orderable",
        "featured",
        "audiences",
        "pillars",
    ]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publisher", "translation_group", "courses"]
    filter_horizontal = ["audiences", "pillars"]
    list_select_related = ["publisher"]
    readonly_fields = ["file_type", "file_size", "download_count", "translations"]
    actions = ["publish", "unpublish"]

    own_pages = [("<int:pk>/file/", "stored_file", "file")]

    def stored_file(self, request, pk):
        """The stored file, to campaign admins only; not counted as a download."""
        resource = Resource.objects.filter(pk=pk).first()
        if resource is None or not resource.file or not self.has_view_permission(request):
            raise Http404
        try:
            handle = resource.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return file_response(handle, download_stem=resource.slug, as_attachment=True)

    @admin.display(description="Thumbnail")
    def preview(self, obj) -> str:
        if not obj.thumbnail:
            return "—"
        return format_html('<img src="{}" alt="" width="48">', obj.thumbnail.url)

    @admin.display(description="Other languages")
    def translations(self, obj) -> str:
        if not obj.pk or not obj.translation_group_id:
            return "—"
        others = obj.translation_group.resources.exclude(pk=obj.pk).order_by("language")
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (
                        reverse("admin:resources_resource_change", args=[o.pk]),
                        o.get_language_display(),
                    )
                    for o in others
                ),
            )
            or "—"
        )

    @admin.action(description="Publish selected materials")
    def publish(self, request, queryset):
        changed = services.set_published(
            resources=queryset, published=True, changed_by=request.user
        )
        self.message_user(request, f"{len(changed)} material(s) published.")

    @admin.action(description="Unpublish selected materials")
    def unpublish(self, request, queryset):
        changed = services.set_published(
            resources=queryset, published=False, changed_by=request.user
        )
        self.message_user(request, f"{len(changed)} material(s) unpublished.")


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    autocomplete_fields = ["resource"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or obj.status == MaterialOrder.Status.SUBMITTED

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(MaterialOrder)
class MaterialOrderAdmin(OwnPagesMixin, admin.ModelAdmin):
    list_display = ["pk", "organization_name", "contact_name", "status", "submitted_at", "copies"]
    list_filter = ["status"]
    search_fields = ["organization_name", "contact_name", "email"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "status",
        "submitted_at",
        "approved_at",
        "shipped_at",
        "rejected_at",
        "rejection_reason",
        "tracking_number",
        "requester",
    ]
    inlines = [OrderItemInline]
    change_form_template = "admin/resources/materialorder/change_form.html"
    actions = ["approve_selected", "ship_selected", "reject_selected", "packing_list"]

    def get_queryset(self, request):
        from django.db.models import Sum

        return super().get_queryset(request).annotate(total_copies=Sum("items__quantity"))

    def get_readonly_fields(self, request, obj=None):
        # Erased contact fields are blank: the form would refuse them as required.
        erased = ["contact_name", "email", "phone", "shipping_address"]
        fields = super().get_readonly_fields(request, obj)
        return [*fields, *erased] if obj is not None and obj.contact_erased else fields

    @admin.display(description="Copies", ordering="total_copies")
    def copies(self, obj) -> int:
        return obj.total_copies or 0

    own_pages = [("reject/", "reject_view", "reject"), ("<int:pk>/ship/", "ship_view", "ship")]

    def _run(self, request, queryset, service, done: str, actor: str = "decided_by") -> None:
        run_over_selection(
            self,
            request,
            queryset,
            lambda order: service(order=order, **{actor: request.user}),
            name=None,
            done_each=lambda order, _: f"Order {order.pk} {done}; the requester was emailed.",
        )

    @admin.action(description="Approve selected orders")
    def approve_selected(self, request, queryset):
        self._run(request, queryset, services.approve_order, "approved")

    @admin.action(description="Mark selected orders shipped")
    def ship_selected(self, request, queryset):
        self._run(request, queryset, services.ship_order, "marked shipped", "shipped_by")

    def ship_view(self, request, pk):
        """Marks one approved order shipped with the carrier's tracking number, which the
        requester's email carries."""
        order = get_object_or_404(MaterialOrder, pk=pk)
        if not self.has_change_permission(request, order):
            raise Http404
        change_url = reverse("admin:resources_materialorder_change", args=[pk])
        error = None
        if request.method == "POST":
            try:
                services.ship_order(
                    order=order,
                    shipped_by=request.user,
                    tracking_number=request.POST.get("tracking_number", "")[:100],
                )
            except ValidationError as exc:
                error = error_text(exc)
            else:
                self.message_user(
                    request,
                    _("Order %(pk)s marked shipped; the requester was emailed.") % {"pk": pk},
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark order %(pk)s shipped") % {"pk": pk},
            "order": order,
            "error": error,
            "cancel_url": change_url,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/resources/materialorder/ship.html", context)

    @admin.action(description="Reject selected orders (asks for a reason)")
    def reject_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:resources_materialorder_reject')}?ids={ids}")

    def reject_view(self, request):
        if not self.has_change_permission(request):
            raise Http404
        raw = request.GET.get("ids", "")
        ids = [int(part) for part in raw.split(",") if part.isdigit() and len(part) < 16]
        orders = list(MaterialOrder.objects.filter(pk__in=ids))

        def reject_all(reason: str) -> None:
            # A blank reason refuses the whole page, not each order in turn.
            if not reason.strip():
                raise ValidationError("Give the reason for rejecting the orders.")
            self._run(request, orders, partial(services.reject_order, reason=reason), "rejected")

        return answer_with_reason(
            self,
            request,
            act=reject_all,
            done=None,
            back=reverse("admin:resources_materialorder_changelist"),
            title="Reject orders",
            intro="Reject these orders? Each requester is emailed with the reason you give.",
            items=[
                f"Order {o.pk}: {o.organization_name}, {o.email} ({o.get_status_display()})"
                for o in orders
            ],
            reason_label="Reason (sent to the requester)",
            submit_label="Reject",
        )

    @admin.action(description="Download the packing list of selected approved orders (CSV)")
    def packing_list(self, request, queryset):
        items = (
            OrderItem.objects.filter(
                order__in=queryset, order__status=MaterialOrder.Status.APPROVED
            )
            .select_related("order", "resource")
            .order_by("order__submitted_at", "order_id", "resource__title")
        )
        return csv_response(
            filename="packing-list.csv",
            header=[
                "Order",
                "Organization",
                "Contact",
                "Email",
                "Phone",
                "Ship to",
                "Material",
                "Copies",
            ],
            rows=(
                [
                    item.order.pk,
                    item.order.organization_name,
                    item.order.contact_name,
                    item.order.email,
                    item.order.phone,
                    item.order.shipping_address.replace("\n", ", "),
                    item.resource.title,
                    item.quantity,
                ]
                for item in items.iterator(chunk_size=2000)
            ),
        )
