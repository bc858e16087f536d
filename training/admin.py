import csv

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse

from partners.views import csv_safe
from training import services
from training.models import Course, Enrollment, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["starts_at", "ends_at", "time_zone", "online", "capacity", "language", "status"]
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "format",
        "provider",
        "duration_minutes",
        "issues_certificates",
        "published",
    ]
    list_filter = ["format", "published", "issues_certificates", "audiences", "pillars"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider"]
    filter_horizontal = ["audiences", "pillars"]
    list_select_related = ["provider"]
    inlines = [SessionInline]
    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected courses")
    def publish(self, request, queryset):
        self.message_user(request, f"{queryset.update(published=True)} course(s) published.")

    @admin.action(description="Unpublish selected courses")
    def unpublish(self, request, queryset):
        self.message_user(request, f"{queryset.update(published=False)} course(s) unpublished.")


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
class SessionAdmin(admin.ModelAdmin):
    list_display = [
        "course",
        "starts_at",
        "status",
        "online",
        "capacity",
        "seats_taken",
        "waitlist",
    ]
    list_filter = ["status", "online", "course__format", "language", "eligibility"]
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
            .annotate(
                registered=Count("enrollments", filter=Q(enrollments__status="registered")),
                waitlisted=Count("enrollments", filter=Q(enrollments__status="waitlisted")),
            )
        )

    @admin.display(ordering="registered", description="Seats taken")
    def seats_taken(self, obj) -> int:
        return obj.registered

    @admin.display(ordering="waitlisted", description="Waitlist")
    def waitlist(self, obj) -> int:
        return obj.waitlisted

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.fill_open_seats(session=obj)
            if promoted:
                self.message_user(
                    request, f"{len(promoted)} waitlisted person(s) moved into the new seats."
                )

    @admin.action(description="Export the roster of selected sessions as CSV")
    def export_roster(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="roster.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["Course", "Starts (UTC)", "Name", "Email", "Organization", "Status", "Enrolled at"]
        )
        enrollments = (
            Enrollment.objects.filter(session__in=queryset)
            .exclude(status=Enrollment.Status.CANCELLED)
            .select_related("session__course", "user", "organization")
            .order_by("session__starts_at", "status", "queued_at")
        )
        for e in enrollments:
            writer.writerow(
                [
                    csv_safe(e.session.course.title),
                    e.session.starts_at.isoformat(),
                    csv_safe(e.user.name),
                    csv_safe(e.user.email),
                    csv_safe(e.organization.name) if e.organization else "",
                    e.get_status_display(),
                    e.queued_at.isoformat(),
                ]
            )
        return response

    @admin.action(description="Cancel selected sessions (emails everyone enrolled)")
    def cancel_sessions(self, request, queryset):
        for session in queryset:
            try:
                count = services.cancel_session(session=session, cancelled_by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{session}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                self.message_user(request, f"{session} cancelled; {count} person(s) emailed.")


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "session", "status", "organization", "enrolled_by", "queued_at"]
    list_filter = ["status", "session__course", "session__status"]
    search_fields = ["user__email", "user__name", "session__course__title", "organization__name"]
    list_select_related = ["user", "session__course", "organization", "enrolled_by"]
    readonly_fields = [f.name for f in Enrollment._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
