"""The evaluation admin: answers read-only, filtered by session, course, trainer and
organization; each filtered set is summed up above the list and downloads as CSV."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from campaign.admin_parts import OwnPagesMixin
from campaign.csv_export import csv_response
from training import evaluation_queries
from training.models import Evaluation, Session


class SessionFilter(admin.SimpleListFilter):
    """One session's answers, reached from a row's session link: the filter names the
    chosen session instead of listing every session there is."""

    title = "session"
    parameter_name = "session"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not value.isdigit():
            return []
        session = Session.objects.select_related("course").filter(pk=value).first()
        return [(value, str(session))] if session else []

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(enrollment__session_id=value)
        return queryset


@admin.register(Evaluation)
class EvaluationAdmin(OwnPagesMixin, admin.ModelAdmin):
    list_display = ["submitted_at", "course", "session", "organization", *Evaluation.RATINGS]
    list_filter = [
        SessionFilter,
        ("enrollment__session__course", admin.RelatedOnlyFieldListFilter),
        ("enrollment__session__trainers", admin.RelatedOnlyFieldListFilter),
        ("enrollment__organization", admin.RelatedOnlyFieldListFilter),
        "submitted_at",
    ]
    list_select_related = ["enrollment__session__course", "enrollment__organization"]
    readonly_fields = [field.name for field in Evaluation._meta.fields]
    date_hierarchy = "submitted_at"
    change_list_template = "admin/training/evaluation/change_list.html"
    own_pages = [("export.csv", "export_view", "export")]

    def has_add_permission(self, request) -> bool:
        return False  # attendees answer on the portal

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # an attendee's answers are theirs: read, never edited

    @admin.display(ordering="enrollment__session__course__title")
    def course(self, evaluation: Evaluation):
        return evaluation.enrollment.session.course

    @admin.display(ordering="enrollment__session__starts_at")
    def session(self, evaluation: Evaluation):
        session = evaluation.enrollment.session
        url = reverse("admin:training_evaluation_changelist")
        return format_html(
            '<a href="{}?session={}">{}</a>', url, session.pk, f"{session.local_start:%b %-d, %Y}"
        )

    @admin.display(ordering="enrollment__organization__name")
    def organization(self, evaluation: Evaluation):
        return evaluation.enrollment.organization or "—"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["results"] = evaluation_queries.results(changelist.queryset)
        return response

    def export_view(self, request):
        """The answers the changelist's filters select, as CSV (no names: results, not people)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:training_evaluation_changelist") + "?e=1")
        evaluations = (
            changelist.get_queryset(request)
            .select_related("enrollment__session__course", "enrollment__organization")
            .prefetch_related("enrollment__session__trainers")
        )
        return csv_response(
            filename="evaluations.csv",
            header=[
                "Submitted",
                "Course",
                "Session starts",
                "Trainers",
                "Organization",
                *(str(statement) for statement in evaluation_queries.statements()),
                "Most useful",
                "To improve",
            ],
            rows=(
                [
                    evaluation.submitted_at.isoformat(),
                    evaluation.enrollment.session.course.title,
                    evaluation.enrollment.session.local_start.isoformat(),
                    "; ".join(
                        trainer.name or trainer.email
                        for trainer in evaluation.enrollment.session.trainers.all()
                    ),
                    getattr(evaluation.enrollment.organization, "name", ""),
                    *(getattr(evaluation, name) for name in Evaluation.RATINGS),
                    evaluation.most_useful,
                    evaluation.to_improve,
                ]
                for evaluation in evaluations.iterator(chunk_size=500)
            ),
        )
