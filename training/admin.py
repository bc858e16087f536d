from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from modeltranslation.admin import TranslationAdmin

from campaign.admin_actions import answer_with_reason, run_over_selection
from campaign.admin_parts import OwnPagesMixin
from campaign.admin_site import LargeTableAdminMixin
from campaign.page_cache import bump_page_version
from campaign.typed_content import MissingTranslationFilter
from campaign.widgets import PrivateFileInput
from training import services
from training.admin_filters import CertificateExpiryFilter
from training.evaluation_admin import EvaluationAdmin  # noqa: F401 - registers the admin
from training.forms import AcceptRequestForm
from training.models import (
    Certificate,
    Course,
    Enrollment,
    KnowledgeCheckAttempt,
    Question,
    TrainingRequest,
)
from training.session_admin import SessionInline


class QuestionInline(admin.StackedInline):
    """The knowledge check of an on-demand course, edited on the course."""

    model = Question
    extra = 0
    fields = ["position", "text", "choices", "correct_choice", "explanation"]


class CourseAdminForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = "__all__"  # noqa: DJ007 - the admin shows every field of a course
        widgets = {
            "content_file": PrivateFileInput(
                lambda course: reverse("training:course-material", args=[course.slug])
            )
        }


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    form = CourseAdminForm
    list_display = [
        "title",
        "format",
        "provider",
        "duration_minutes",
        "issues_certificates",
        "published",
    ]
    list_filter = [
        "format",
        "published",
        "issues_certificates",
        "requires_evaluation",
        "audiences",
        "pillars",
        MissingTranslationFilter,
    ]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider"]
    filter_horizontal = ["audiences", "pillars"]
    list_select_related = ["provider"]
    inlines = [QuestionInline, SessionInline]
    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected courses")
    def publish(self, request, queryset):
        self.message_user(request, f"{queryset.update(published=True)} course(s) published.")
        bump_page_version()  # an update sends no signal

    @admin.action(description="Unpublish selected courses")
    def unpublish(self, request, queryset):
        self.message_user(request, f"{queryset.update(published=False)} course(s) unpublished.")
        bump_page_version()


@admin.register(Enrollment)
class EnrollmentAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ["user", "session", "status", "organization", "enrolled_by", "queued_at"]
    list_filter = ["status", "session__course", "session__status"]
    search_fields = ["user__email", "user__name", "session__course__title", "organization__name"]
    list_select_related = ["user", "session__course", "organization", "enrolled_by"]
    readonly_fields = [f.name for f in Enrollment._meta.fields]
    actions = ["mark_attended", "mark_no_show"]
    # The model's order goes through the session's start: a sort of every row per page.
    ordering = ["-queued_at", "-id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _mark(self, request, queryset, *, attended: bool) -> None:
        label = "attended" if attended else "no-show"
        run_over_selection(
            self,
            request,
            queryset,
            lambda enrollment: services.mark_attendance(
                enrollment=enrollment, attended=attended, marked_by=request.user
            ),
            done_total=lambda done: f"{done} marked {label}.",
        )

    @admin.action(description="Mark selected people attended (certificates once sessions end)")
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, attended=True)

    @admin.action(description="Mark selected people no-show")
    def mark_no_show(self, request, queryset):
        self._mark(request, queryset, attended=False)


@admin.register(Certificate)
class CertificateAdmin(OwnPagesMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "recipient_name",
        "course",
        "hours",
        "issued_on",
        "expires_on",
        "status_display",
        "revoked_at",
    ]
    list_filter = [CertificateExpiryFilter, ("revoked_at", admin.EmptyFieldListFilter), "course"]
    search_fields = ["code", "recipient_name", "user__email", "course__title"]
    list_select_related = ["course"]
    readonly_fields = [f.name for f in Certificate._meta.fields]
    change_form_template = "admin/training/certificate/change_form.html"

    def has_add_permission(self, request) -> bool:
        return False  # issued by attendance and knowledge checks only

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked instead, so the public page can say so

    own_pages = [("<int:pk>/revoke/", "revoke_view", "revoke")]

    @admin.display(description="status")
    def status_display(self, certificate: Certificate) -> str:
        return certificate.status

    def revoke_view(self, request, pk):
        certificate = get_object_or_404(Certificate.objects.select_related("course"), pk=pk)
        if not self.has_change_permission(request, certificate):
            raise Http404
        change_url = reverse("admin:training_certificate_change", args=[pk])
        return answer_with_reason(
            self,
            request,
            act=lambda reason: services.revoke_certificate(
                certificate=certificate, revoked_by=request.user, reason=reason
            ),
            done=f"Certificate {certificate.code} was revoked.",
            back=change_url,
            title=f"Revoke certificate {certificate.code}?",
            intro=(
                f"Revoke certificate {certificate.code} ({certificate.recipient_name}, "
                f"{certificate.course.title})? Its public page will then say it was revoked "
                "and when."
            ),
            reason_label="Reason (kept on record)",
            submit_label="Revoke",
        )


@admin.register(KnowledgeCheckAttempt)
class KnowledgeCheckAttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "score", "passed", "submitted_at"]
    list_filter = ["passed", "course"]
    search_fields = ["user__email", "user__name", "course__title"]
    list_select_related = ["user", "course"]
    readonly_fields = [f.name for f in KnowledgeCheckAttempt._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(TrainingRequest)
class TrainingRequestAdmin(OwnPagesMixin, admin.ModelAdmin):
    list_display = ["subject", "organization", "requested_by", "status", "submitted_at"]
    list_filter = ["status", "delivery"]
    search_fields = ["topic", "course__title", "organization__name", "requested_by__email"]
    list_select_related = ["organization", "requested_by", "course"]
    readonly_fields = [f.name for f in TrainingRequest._meta.fields if f.name != "id"]
    change_form_template = "admin/training/trainingrequest/change_form.html"

    def has_add_permission(self, request) -> bool:
        return False  # coordinators send requests from the portal

    own_pages = [
        ("<int:pk>/accept/", "accept_view", "accept"),
        ("<int:pk>/decline/", "decline_view", "decline"),
    ]

    def _request(self, request, pk) -> TrainingRequest:
        training_request = get_object_or_404(
            TrainingRequest.objects.select_related("organization", "requested_by", "course"),
            pk=pk,
        )
        if not self.has_change_permission(request, training_request):
            raise Http404
        return training_request

    def _page(self, request, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            **context,
        }
        return TemplateResponse(request, f"admin/training/trainingrequest/{template}", context)

    def accept_view(self, request, pk):
        training_request = self._request(request, pk)
        initial = {
            "course": training_request.course,
            "online": training_request.delivery == TrainingRequest.Delivery.ONLINE,
            "venue_address": training_request.location,
            "capacity": training_request.expected_attendees,
        }
        form = AcceptRequestForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                session = services.accept_training_request(
                    training_request=training_request,
                    decided_by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"Accepted: a session of {session.course.title} for "
                    f"{training_request.organization.name} was created and the coordinator "
                    "was emailed.",
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:training_session_change", args=[session.pk]))
        return self._page(
            request,
            "accept.html",
            f"Accept the request from {training_request.organization.name}",
            training_request=training_request,
            form=form,
        )

    def decline_view(self, request, pk):
        training_request = self._request(request, pk)
        return answer_with_reason(
            self,
            request,
            act=lambda reason: services.decline_training_request(
                training_request=training_request, decided_by=request.user, reason=reason
            ),
            done="The request was declined and the coordinator told.",
            back=reverse("admin:training_trainingrequest_change", args=[pk]),
            title=f"Decline the request from {training_request.organization.name}",
            intro=(
                f"Decline the request for {training_request.subject} from "
                f"{training_request.organization.name}? The coordinator is emailed with your "
                "reason."
            ),
            reason_label="Reason (sent to the coordinator)",
            submit_label="Decline",
        )
