"""An organization's training report, on the page and as CSV."""

from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from campaign.csv_export import csv_response
from partners import queries as partner_queries
from partners.views import ManageOrganizationMixin
from training import expiry_queries, report_queries
from training.forms import (
    ReportFilterForm,
)
from training.report_totals import organization_course_totals


class OrganizationReportMixin(ManageOrganizationMixin):
    def report_filter(self) -> tuple[date | None, date | None]:
        self.filter_form = ReportFilterForm(self.request.GET or None)
        dates = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return dates.get("start"), dates.get("end")

    def organization_ids(self) -> set[int]:
        return partner_queries.descendant_ids({self.organization.pk})

    def members(self):
        return report_queries.report_members(self.organization_ids())


class OrganizationReportView(OrganizationReportMixin, TemplateView):
    template_name = "training/organization_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = self.report_filter()
        organization_ids = self.organization_ids()
        members = report_queries.report_members(organization_ids)
        page = Paginator(members, 25).get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        lapsing = expiry_queries.lapsing_certificates(
            members.order_by().values("user_id"),
            today=today,
            within_days=settings.CERTIFICATE_REMINDER_DAYS,
        )
        counts = expiry_queries.expiry_counts(lapsing, today=today)
        lapsing_pages = Paginator(lapsing, 25)
        lapsing_pages.count = counts.expiring + counts.expired  # counted already
        context.update(
            lapsing_page=lapsing_pages.get_page(self.request.GET.get("expiring")),
            expiry_counts=counts,
            expiry_days=settings.CERTIFICATE_REMINDER_DAYS,
            today=today,
            # This page's people, one row each.
            page_obj=page,
            rows=report_queries.report_rows(list(page.object_list), start=start, end=end),
            # The whole organization's totals per course (kept: report_totals.py).
            totals=organization_course_totals(organization_ids, members, start=start, end=end),
            filter_form=self.filter_form,
            tab="report",
        )
        context["crumbs"][-1] = (_("Training report"), None)
        return context


class OrganizationReportCSVView(OrganizationReportMixin, View):
    def get(self, request, slug):
        start, end = self.report_filter()
        rows = report_queries.streamed_report_rows(self.members(), start=start, end=end)
        return csv_response(
            filename=f"{self.organization.slug}-training-report.csv",
            header=[
                "Name",
                "Email",
                "Organization",
                "Completed",
                "Upcoming",
                "Missed",
                "Waitlisted",
                "Completed on",
                "Certificate codes",
            ],
            rows=(
                [
                    row.membership.user.name,
                    row.membership.user.email,
                    row.membership.organization.name,
                    "; ".join(row.completed),
                    "; ".join(row.upcoming),
                    "; ".join(row.missed),
                    "; ".join(row.waitlisted),
                    # In the order of "Completed", one date and one code (or none) for each.
                    "; ".join(done.day.isoformat() for done in row.completions),
                    "; ".join(done.code or "-" for done in row.completions),
                ]
                for row in rows
            ),
        )
