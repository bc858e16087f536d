"""Sessions in the admin: the list with seat counts, the session form (with its link to
the page where the session is run) and the session rows on the course page."""

from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaign.admin_actions import selection_action
from campaign.csv_export import csv_response
from training import services
from training.admin_filters import NeedsPeopleFilter
from training.forms import SessionTimesForm
from training.models import Course, Enrollment, Session
from training.session_admin_views import SessionPageMixin


class SessionInline(admin.TabularInline):
    """The sessions of a course on its page. A new row starts in person for an in-person
    course; the full session page (roster, eligibility lists, check-in) is one link away."""

    model = Session
    form = SessionTimesForm
    extra = 0
    fields = [
        "starts_at",
        "ends_at",
        "time_zone",
        "online",
        "venue_name",
        "capacity",
        "language",
        "eligibility",
        "trainers",
        "status",
        "session_page",
    ]
    readonly_fields = ["status", "session_page"]
    autocomplete_fields = ["trainers"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.format == Course.Format.IN_PERSON:
            # The form class is made for this call, so its fields are this call's own.
            formset.form.base_fields["online"].initial = False
        return formset

    @admin.display(description=_("Run"))
    def session_page(self, obj) -> str:
        if obj is None or obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:training_session_run", args=[obj.pk]),
            _("Roster and attendance"),
        )


class EnrollmentInline(admin.TabularInline):
    """Shown for reference; enrollments change through the portal's services."""

    model = Enrollment
    extra = 0
    fields = ["user", "organization", "status", "queued_at", "enrolled_by"]
    readonly_fields = fields
    can_delete = False
    ordering = ["status", "queued_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organization", "enrolled_by")


@admin.register(Session)
class SessionAdmin(SessionPageMixin, admin.ModelAdmin):
    change_form_template = "admin/training/session/change_form.html"
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
    readonly_fields = ["status", "cancellation_reason"]
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

    cancel_sessions = selection_action(
        "Cancel selected sessions (emails everyone enrolled)",
        lambda session, user: services.cancel_session(session=session, cancelled_by=user),
        done_each=lambda session, count: f"{session} cancelled; {count} person(s) emailed.",
    )
