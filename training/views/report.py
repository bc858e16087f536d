"""An organization's training report, on the page and as CSV."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from campaign.csv_export import csv_response
from partners import queries as partner_queries
from partners.views import ManageOrganizationMixin
from training import queries
from training.forms import (
    ReportFilterForm,
)


class OrganizationReportMixin(ManageOrganizationMixin):
    def report(self, *, page_size: int | None):
        self.filter_form = ReportFilterForm(self.request.GET or None)
        dates = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        start, end = dates.get("start"), dates.get("end")
        organization_ids = partner_queries.descendant_ids({self.organization.pk})
        members = queries.report_members(organization_ids)
        everyone = sorted(set(members.values_list("user_id", flat=True)))
        page = None
        if page_size:
            page = Paginator(members, page_size).get_page(self.request.GET.get("page"))
            chosen = list(page.object_list)
        else:
            chosen = list(members)
        rows, totals = queries.organization_report(chosen, everyone=everyone, start=start, end=end)
        return page, rows, totals


class OrganizationReportView(OrganizationReportMixin, TemplateView):
    template_name = "training/organization_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, rows, totals = self.report(page_size=25)
        context.update(
            page_obj=page,
            rows=rows,
            totals=totals,
            filter_form=self.filter_form,
            tab="report",
        )
        context["crumbs"][-1] = (_("Training report"), None)
        return context


class OrganizationReportCSVView(OrganizationReportMixin, View):
    def get(self, request, slug):
        _page, rows, _totals = self.report(page_size=None)
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
