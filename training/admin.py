from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from modeltranslation.admin import TranslationAdmin

from campaign.admin_actions import answer_with_reason, run_over_selection
from campaign.admin_parts import OwnPagesMixin, ReferenceInline
from campaign.admin_site import EstimatedCountPaginator
from campaign.csv_export import csv_response
from campaign.page_cache import bump_page_version
from campaign.typed_content import MissingTranslationFilter
from campaign.widgets import PrivateFileInput
from training import services
from training.admin_filters import NeedsPeopleFilter
from training.forms import AcceptRequestForm, SessionTimesForm
from training.models import (
    Certificate,
    Course,
    Enrollment,
    KnowledgeCheckAttempt,
    Question,
    Session,
    TrainingRequest,
)


class SessionInline(admin.TabularInline):
    model = Session
    form = SessionTimesForm
    extra = 0
    fields = ["starts_at", "ends_at", "time_zone", "online", "capacity", "language", "status"]
    readonly_fields = ["status"]
    show_change_link = True


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


class EnrollmentInline(ReferenceInline):
    """Shown for reference; enrollments change through the portal's services."""

    model = Enrollment
    fields = ["user", "organization", "status", "queued_at", "enrolled_by"]
    ordering = ["status", "queued_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organization", "enrolled_by")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionTimesForm
    list_display = [
        "course",
        "local_times",
        "status",
        "online",
        "capacity",
        "seats_taken",
        "waitlist",
    ]
    list_filter = ["status", NeedsPeopleFilter, "online", "course__format", "language",
                   "eligibility"]  # fmt: skip
    search_fields = ["course__title", "venue_name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["course", "eligible_organizations", "trainers"]
    readonly_fields = ["status"]
    list_select_related = ["course"]
    inlines = [EnrollmentInline]
    actions = ["export_roster", "cancel_sessions"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(registered=F("registered_seats"), waitlisted=F("waitlist_length"))
        )

    @admin.display(ordering="starts_at", description="When (the session's time zone)")
    def local_times(self, obj) -> str:
        return f"{obj.local_start:%b %-d, %Y %-I:%M %p} to {obj.local_end:%-I:%M %p %Z}"

    @admin.display(ordering="registered", description="Seats taken")
    def seats_taken(self, obj) -> int:
        return obj.registered

    @admin.display(ordering="waitlisted", description="Waitlist")
    def waitlist(self, obj) -> int:
        return obj.waitlisted

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.fill_open_seats(session=obj, filled_by=request.user)
            if promoted:
                self.message_user(
                    request, f"{len(promoted)} waitlisted person(s) moved into the new seats."
                )

    @admin.action(description="Export the roster of selected sessions as CSV")
    def export_roster(self, request, queryset):
        enrollments = (
            Enrollment.objects.filter(session__in=queryset)
            .exclude(status=Enrollment.Status.CANCELLED)
            .select_related("session__course", "user", "organization")
            .order_by("session__starts_at", "status", "queued_at")
        )
        return csv_response(
            filename="roster.csv",
            header=[
                "Course",
                "Starts (UTC)",
                "Name",
                "Email",
                "Organization",
                "Status",
                "Enrolled at",
            ],
            rows=(
                [
                    e.session.course.title,
                    e.session.starts_at.isoformat(),
                    e.user.name,
                    e.user.email,
                    e.organization.name if e.organization else "",
                    e.get_status_display(),
                    e.queued_at.isoformat(),
                ]
                for e in enrollments.iterator(chunk_size=2000)
            ),
        )

    @admin.action(description="Cancel selected sessions (emails everyone enrolled)")
    def cancel_sessions(self, request, queryset):
        run_over_selection(
            self,
            request,
            queryset,
            lambda session: services.cancel_session(session=session, cancelled_by=request.user),
            done_each=lambda session, count: f"{session} cancelled; {count} person(s) emailed.",
        )


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "session", "status", "organization", "enrolled_by", "queued_at"]
    list_filter = ["status", "session__course", "session__status"]
    search_fields = ["user__email", "user__name", "session__course__title", "organization__name"]
    list_select_related = ["user", "session__course", "organization", "enrolled_by"]
    readonly_fields = [f.name for f in Enrollment._meta.fields]
    actions = ["mark_attended", "mark_no_show"]
    # Millions of rows at scale: no COUNT(*) over the table per page view.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
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
    list_display = ["code", "recipient_name", "course", "hours", "issued_on", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "course"]
    search_fields = ["code", "recipient_name", "user__email", "course__title"]
    list_select_related = ["course"]
    readonly_fields = [f.name for f in Certificate._meta.fields]
    change_form_template = "admin/training/certificate/change_form.html"

    def has_add_permission(self, request) -> bool:
        return False  # issued by attendance and knowledge checks only

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked instead, so the public page can say so

    own_pages = [("<int:pk>/revoke/", "revoke_view", "revoke")]

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
