"""Calendar feeds: personal, public, per audience and per organization."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from campaign.models import Audience
from campaign.public import public
from partners import access as partner_access
from partners.models import Organization
from training import queries, services
from training.calendar import build_calendar, ics_response
from training.models import (
    Course,
    Enrollment,
    Session,
)


class FeedResetView(View):
    def post(self, request):
        services.reset_calendar_feed(user=request.user)
        messages.success(
            request, _("Your calendar link was changed; the old link no longer works.")
        )
        return redirect("training:mine")


@public
class PersonalFeedView(View):
    def get(self, request, token):
        feed = queries.live_feed(token)
        if feed is None:
            raise Http404
        sessions = list(queries.sessions_of(feed.user))
        registered = set(
            Enrollment.objects.filter(
                user=feed.user, status=Enrollment.Status.REGISTERED
            ).values_list("session_id", flat=True)
        )
        return ics_response(
            build_calendar(sessions, name="My trainings", join_links_for=registered),
            "my-trainings.ics",
        )


@public
class PublicFeedView(View):
    """Upcoming sessions open to anyone with an account, optionally for one audience."""

    def get(self, request, audience=None):
        sessions = queries.upcoming_sessions().filter(
            eligibility__in=[Session.Eligibility.SIGNED_IN, Session.Eligibility.PARTNER_STAFF]
        )
        name = _("Upcoming trainings")
        if audience is not None:
            audience = get_object_or_404(Audience, slug=audience)
            sessions = sessions.filter(
                course__in=Course.objects.filter(audiences=audience).values("pk")
            )
            name = _("Upcoming trainings for %(audience)s") % {"audience": audience.name.lower()}
        return ics_response(build_calendar(sessions, name=name), "trainings.ics")


@public
class OrganizationFeedView(View):
    """A coordinator's feed of the sessions their organization's people are enrolled in."""

    def get(self, request, token, slug):
        feed = queries.live_feed(token)
        if feed is None:
            raise Http404
        organization = get_object_or_404(Organization, slug=slug)
        if not partner_access.can_manage(feed.user, organization):
            raise Http404
        live = Enrollment.objects.filter(organization=organization).exclude(
            status=Enrollment.Status.CANCELLED
        )
        sessions = (
            Session.objects.filter(
                Q(pk__in=live.values("session_id")) | Q(eligible_organizations=organization)
            )
            .select_related("course")
            .distinct()
        )
        name = _("Trainings of %(name)s") % {"name": organization.name}
        return ics_response(
            build_calendar(sessions, name=name),
            f"{slug}-trainings.ics",
        )
