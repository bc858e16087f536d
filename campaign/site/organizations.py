"""An organization's pages that also show its trainings and materials."""

from collections.abc import Iterator
from itertools import islice

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from campaign.csv_export import csv_response
from campaign.pages import found_or_404
from campaign.public import public
from partners import access, queries
from partners.forms import JoinRequestForm
from partners.models import Membership
from partners.views import ManageOrganizationMixin
from resources.queries import published_by
from training.models import Course
from training.queries import completed_counts


@public
class OrganizationDetailView(TemplateView):
    template_name = "partners/organization_detail.html"

    def get(self, request, *args, **kwargs):
        self.organization = found_or_404(queries.organization_detail, kwargs["slug"])
        if not access.can_see(request.user, self.organization):
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.organization
        user = self.request.user
        membership = None
        if user.is_authenticated:
            membership = Membership.objects.filter(
                user=user, organization=organization, status__in=Membership.LIVE_STATUSES
            ).first()
        context.update(
            organization=organization,
            courses=Course.objects.filter(provider=organization, published=True).order_by("title"),
            materials=published_by(organization, user)[:12],
            membership=membership,
            can_manage=access.can_manage(user, organization),
            join_form=JoinRequestForm(),
            crumbs=[(_("Partners"), reverse("partners:directory")), (organization.name, None)],
        )
        return context


# Members shown per roster page; the CSV export carries them all.
ROSTER_PAGE_SIZE = 100


class RosterView(ManageOrganizationMixin, TemplateView):
    template_name = "partners/manage/roster.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(queries.active_members(self.organization), ROSTER_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        members = list(page.object_list)
        completed = completed_counts([member.user_id for member in members])
        for member in members:
            member.trainings_completed = completed.get(member.user_id, 0)
        context.update(
            members=members,
            page_obj=page,
            requests=queries.pending_requests(self.organization),
            sub_organizations=queries.sub_organizations(self.organization),
            role_choices=Membership.Role.choices,
            tab="roster",
        )
        return context


# Members read per query by the CSV export, with their completed trainings.
ROSTER_CSV_CHUNK = 1000


def roster_csv_rows(organization) -> Iterator[list]:
    """Every active member as a row (name, email, role, member since, trainings completed),
    read `ROSTER_CSV_CHUNK` at a time as plain values, not model instances, so that memory
    stays flat and no time goes into building objects that are only written out."""
    roles = dict(Membership.Role.choices)
    members = (
        queries.active_members(organization)
        .values_list("user__name", "user__email", "role", "started_at", "user_id")
        .iterator(chunk_size=ROSTER_CSV_CHUNK)
    )
    while chunk := list(islice(members, ROSTER_CSV_CHUNK)):
        completed = completed_counts([user_id for *_rest, user_id in chunk])
        for name, email, role, started_at, user_id in chunk:
            yield [
                name,
                email,
                roles.get(role, role),
                started_at.date().isoformat() if started_at else "",
                completed.get(user_id, 0),
            ]


class RosterCSVView(ManageOrganizationMixin, View):
    """Every active member, with the number of trainings each completed."""

    def get(self, request, slug):
        return csv_response(
            filename=f"{self.organization.slug}-roster.csv",
            header=["Name", "Email", "Role", "Member since", "Trainings completed"],
            rows=roster_csv_rows(self.organization),
        )
