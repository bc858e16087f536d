from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin

from campaign.admin_actions import answer_with_reason, run_over_selection, selection_action
from campaign.admin_parts import OwnPagesMixin, ReferenceInline
from campaign.csv_export import csv_response
from campaign.errors import error_text
from campaign.typed_content import MissingTranslationFilter
from campaign.uploads import file_response
from campaign.widgets import PrivateFileInput
from partners import (
    dashboard,  # noqa: F401  (its sections join the admin index)
    services,
)
from partners.models import Agreement, Invitation, Membership, Organization, PartnerApplication
from partners.webhooks import Webhook, WebhookDelivery


class DocumentLinkMixin:
    """The document's file input links the view that checks who asks: private storage has
    no URL to give, and asking it for one fails the page."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "document":
            kwargs["widget"] = PrivateFileInput(
                lambda agreement: reverse("admin:partners_agreement_document", args=[agreement.pk])
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class AgreementInline(DocumentLinkMixin, admin.StackedInline):
    model = Agreement
    extra = 0
    fields = ["kind", "signed_on", "signatories", "summary", "document"]


class MembershipInline(ReferenceInline):
    """Shown for reference; memberships change through the membership admin's actions."""

    model = Membership
    fields = ["user", "role", "status", "started_at"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "kind", "status", "state", "parent", "listed", "members"]
    list_filter = ["kind", "status", "state", "listed", MissingTranslationFilter]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]
    inlines = [AgreementInline, MembershipInline]
    actions = ["export_csv"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=Count("memberships", filter=Q(memberships__status="active")))
        )

    @admin.display(ordering="member_count", description="Active members")
    def members(self, obj) -> int:
        return obj.member_count

    @admin.action(description="Export selected organizations as CSV")
    def export_csv(self, request, queryset):
        return csv_response(
            filename="organizations.csv",
            header=[
                "Name",
                "Acronym",
                "Kind",
                "Status",
                "Parent",
                "State",
                "Country",
                "Website",
                "Listed",
                "Partner since",
                "Active members",
            ],
            rows=(
                [
                    org.name,
                    org.acronym,
                    org.get_kind_display(),
                    org.get_status_display(),
                    org.parent.name if org.parent else "",
                    org.state,
                    org.country,
                    org.website,
                    "yes" if org.listed else "no",
                    org.partner_since.isoformat() if org.partner_since else "",
                    org.member_count,
                ]
                for org in queryset.select_related("parent")
                .order_by("name")
                .iterator(chunk_size=2000)
            ),
        )


@admin.register(Agreement)
class AgreementAdmin(OwnPagesMixin, DocumentLinkMixin, admin.ModelAdmin):
    list_display = ["organization", "kind", "signed_on", "document_link"]
    list_filter = ["kind"]
    search_fields = ["organization__name", "summary", "signatories"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]

    own_pages = [("<int:pk>/document/", "download_document", "document")]

    @admin.display(description="Document")
    def document_link(self, obj) -> str:
        if not obj.document:
            return "—"
        url = reverse("admin:partners_agreement_document", args=[obj.pk])
        return format_html('<a href="{}">Download</a>', url)

    def download_document(self, request, pk):
        """Agreement documents are private: served only here, to campaign admins."""
        agreement = get_object_or_404(Agreement, pk=pk)
        if not agreement.document or not self.has_view_permission(request, agreement):
            raise Http404
        try:
            handle = agreement.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return file_response(handle, download_stem=f"agreement-{agreement.pk}", as_attachment=True)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "status", "requested_at", "started_at"]
    list_filter = ["status", "role", "organization__kind"]
    search_fields = ["user__email", "user__name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
    readonly_fields = ["requested_at", "started_at", "ended_at", "decided_by"]
    actions = ["approve_requests", "end_memberships"]

    def get_readonly_fields(self, request, obj=None):
        # Status and role of an existing membership change through the actions.
        if obj is not None:
            return [*self.readonly_fields, "user", "organization", "role", "status"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change and obj.status == Membership.Status.ACTIVE and not obj.started_at:
            from django.utils import timezone

            obj.started_at = timezone.now()
        obj.decided_by = request.user
        super().save_model(request, obj, form, change)

    def _run(self, request, queryset, service, done: str, actor: str = "decided_by") -> None:
        run_over_selection(
            self,
            request,
            queryset.select_related("user", "organization"),
            lambda membership: service(membership=membership, **{actor: request.user}),
            done_total=lambda count: f"{count} membership(s) {done}.",
        )

    @admin.action(description="Approve selected requests to join")
    def approve_requests(self, request, queryset):
        self._run(request, queryset, services.approve_membership, "approved")

    @admin.action(description="End selected memberships")
    def end_memberships(self, request, queryset):
        self._run(request, queryset, services.end_membership, "ended", actor="ended_by")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "state", "invited_by", "expires_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter),
                   ("revoked_at", admin.EmptyFieldListFilter)]  # fmt: skip
    search_fields = ["email", "organization__name"]
    list_select_related = ["organization", "invited_by"]
    fields = ["organization", "email", "role", "invited_by", "created_at", "expires_at",
              "accepted_at", "accepted_by", "revoked_at"]  # fmt: skip
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        # Invitations are sent by coordinators (and admins) from the manage pages.
        return False

    revoke = selection_action(
        "Withdraw selected invitations",
        lambda invitation, user: services.revoke_invitation(
            invitation=invitation, revoked_by=user
        ),
    )


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(OwnPagesMixin, admin.ModelAdmin):
    list_display = ["organization_name", "kind", "applicant", "status", "submitted_at"]
    list_filter = ["status", "kind", "state"]
    search_fields = ["organization_name", "applicant__email", "applicant__name"]
    list_select_related = ["applicant"]
    readonly_fields = ["applicant", "status", "submitted_at", "decided_at", "decided_by",
                       "rejection_reason", "organization"]  # fmt: skip
    autocomplete_fields = ["parent"]
    actions = ["approve_selected", "reject_selected"]
    change_form_template = "admin/partners/partnerapplication/change_form.html"

    def has_add_permission(self, request) -> bool:
        return False

    own_pages = [
        ("<int:pk>/approve/", "approve_view", "approve"),
        ("reject/", "reject_view", "reject"),
    ]

    def _approve(self, request, application) -> bool:
        try:
            organization = services.approve_application(
                application=application, decided_by=request.user
            )
        except ValidationError as error:
            self.message_user(
                request, f"{application.organization_name}: {error_text(error)}",
                messages.ERROR,
            )  # fmt: skip
            return False
        self.message_user(
            request,
            f"{organization.name} is now a partner; {application.applicant} is its coordinator.",
            messages.SUCCESS,
        )
        return True

    @admin.action(description="Approve selected applications")
    def approve_selected(self, request, queryset):
        for application in queryset.select_related("applicant"):
            self._approve(request, application)

    @admin.action(description="Reject selected applications (asks for a reason)")
    def reject_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:partners_partnerapplication_reject')}?ids={ids}")

    def approve_view(self, request, pk):
        application = get_object_or_404(PartnerApplication, pk=pk)
        if not self.has_change_permission(request, application):
            raise Http404
        if request.method == "POST":
            self._approve(request, application)
            return redirect("admin:partners_partnerapplication_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Approve {application.organization_name}?",
            "application": application,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/partners/partnerapplication/approve.html", context)

    def reject_view(self, request):
        raw_ids = request.GET.get("ids", "")
        ids = [int(part) for part in raw_ids.split(",") if part.isdigit()]
        applications = list(
            PartnerApplication.objects.filter(pk__in=ids).select_related("applicant")
        )
        if not applications or not self.has_change_permission(request):
            raise Http404

        def reject_all(reason: str) -> None:
            # A blank reason refuses the whole page, not each application in turn.
            if not reason.strip():
                raise ValidationError("Give the applicant a reason for the rejection.")
            run_over_selection(
                self,
                request,
                applications,
                lambda application: services.reject_application(
                    application=application, decided_by=request.user, reason=reason
                ),
                name=lambda application: application.organization_name,
                done_each=lambda application, _: f"{application.organization_name} was rejected.",
            )

        changelist = reverse("admin:partners_partnerapplication_changelist")
        return answer_with_reason(
            self,
            request,
            act=reject_all,
            done=None,
            back=changelist,
            then=(
                reverse("admin:partners_partnerapplication_change", args=[applications[0].pk])
                if len(applications) == 1
                else changelist
            ),
            title="Reject applications",
            intro="Reject these applications? Each applicant is emailed with the reason you give.",
            items=[
                f"{a.organization_name} — {a.applicant.email} ({a.get_status_display()})"
                for a in applications
            ],
            reason_label="Reason (sent to the applicant)",
            submit_label="Reject",
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here: coordinators and the worker write it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Webhook)
class WebhookAdmin(ReadOnlyAdmin):
    """Which organizations have a webhook, and where it points (never its secret)."""

    list_display = ["organization", "url", "active", "created_by", "changed_at"]
    list_filter = ["active"]
    list_select_related = ["organization", "created_by"]
    search_fields = ["organization__name", "url"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """The delivery log, to read: it is written only by the worker."""

    list_display = ["event", "webhook", "state", "attempts", "status_code", "created_at"]
    list_filter = ["state", "event"]
    list_select_related = ["webhook__organization"]
    search_fields = ["event_id", "webhook__organization__name"]
    date_hierarchy = "created_at"
