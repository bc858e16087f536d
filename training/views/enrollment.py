"""Enrolling, cancelling, giving a seat back, and my trainings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from campaign.confirm import ask_to_confirm
from campaign.dates import date_as
from campaign.errors import error_text
from campaign.public import public
from partners import queries as partner_queries
from partners.models import Organization
from training import access, evaluation_queries, queries, services
from training.models import (
    Enrollment,
    Session,
)


class SessionEnrollView(View):
    def post(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
        try:
            enrollment = services.enroll(user=request.user, session=session)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            if enrollment.status == Enrollment.Status.REGISTERED:
                messages.success(
                    request,
                    _("You are registered. A confirmation with a calendar file is on its way."),
                )
            else:
                position = enrollment.position  # its place when it joined, read under the lock
                messages.info(
                    request,
                    _(
                        "The session is full: you are number %(position)s on the waitlist. "
                        "We will email you if a seat opens."
                    )
                    % {"position": position},
                )
        return redirect(session)


class SessionCancelView(View):
    def post(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
        enrollment = queries.live_enrollment(request.user, session)
        if enrollment is None:
            messages.error(request, _("You are not enrolled in this session."))
            return redirect(session)
        was_waitlisted = enrollment.status == Enrollment.Status.WAITLISTED
        asked = ask_to_confirm(
            request,
            title=_("Leave the waitlist?") if was_waitlisted else _("Cancel your seat?"),
            question=(
                _("%(course)s, %(when)s. You lose your place in the queue.")
                if was_waitlisted
                else _("%(course)s, %(when)s. Your seat goes at once to the next person waiting.")
            )
            % {
                "course": session.course.title,
                "when": date_as(session.local_start, "weekday and time with zone"),
            },
            button=_("Leave the waitlist") if was_waitlisted else _("Cancel my seat"),
            back=session.get_absolute_url(),
        )
        if asked:
            return asked
        try:
            services.cancel_enrollment(enrollment=enrollment, cancelled_by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("You left the waitlist.") if was_waitlisted else _("Your seat is cancelled."),
            )
        return redirect(session)


@public
class GiveBackView(TemplateView):
    """The one-click link in a promotion email: confirm, and the seat goes to the next person."""

    template_name = "training/give_back.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.enrollment = services.enrollment_from_give_back_token(kwargs["token"])
        except ValidationError as error:
            if error.code != services.GIVE_BACK_GONE:
                raise Http404 from None
            # A genuine link past its time (expired, session started, account deactivated):
            # say so, without naming the person or the session.
            return self.render_to_response({"gone": True}, status=410)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, token):
        try:
            services.cancel_enrollment(
                enrollment=self.enrollment, cancelled_by=self.enrollment.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(request.path)
        messages.success(
            request, _("Thank you: your seat went to the next person on the waitlist.")
        )
        return redirect(self.enrollment.session.course)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrollment"] = self.enrollment
        context["session"] = self.enrollment.session
        return context


class MyTrainingsView(TemplateView):
    template_name = "training/my_trainings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upcoming, past = queries.my_enrollments(self.request.user)
        feed = services.calendar_feed_of(user=self.request.user)
        managed = Organization.objects.filter(
            pk__in=partner_queries.managed_organization_ids(self.request.user)
        ).order_by("name")
        context.update(
            upcoming=upcoming,
            past=past,
            awaiting_evaluation=evaluation_queries.certificates_awaiting_evaluation(past),
            certificates=queries.certificates_of(self.request.user),
            teaches=queries.sessions_trained_by(self.request.user).exists(),
            can_request_training=access.can_request_training(self.request.user),
            feed_url=self.request.build_absolute_uri(
                reverse("training:personal-feed", args=[feed.token])
            ),
            organization_feeds=[
                (
                    organization,
                    self.request.build_absolute_uri(
                        reverse("training:organization-feed", args=[feed.token, organization.slug])
                    ),
                )
                for organization in managed
            ],
            crumbs=[(_("My trainings"), None)],
        )
        return context
