from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from campaign.models import Audience
from campaign.search import search_text
from partners import access as partner_access
from partners.models import Organization
from resources.queries import materials_of_course
from training import access, queries, services
from training.calendar import build_calendar
from training.filters import SessionFilter
from training.forms import BulkEnrollForm
from training.models import CalendarFeed, Course, Enrollment, Session, new_feed_token


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CatalogView(ListView):
    template_name = "training/catalog.html"
    paginate_by = 20
    context_object_name = "sessions"

    def get_queryset(self):
        self.filterset = SessionFilter(self.request.GET, queryset=queries.upcoming_sessions())
        if not self.filterset.is_valid():
            return queries.upcoming_sessions().none()
        return self.filterset.qs

    def on_demand(self):
        courses = queries.on_demand_courses()
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        if data.get("q"):
            matching = search_text(Course.objects.all(), data["q"], fields=["title", "summary"])
            courses = courses.filter(pk__in=matching.values("pk"))
        if data.get("format"):
            courses = courses.filter(format=data["format"])
        if data.get("audience"):
            courses = courses.filter(
                pk__in=Course.objects.filter(audiences=data["audience"]).values("pk")
            )
        if data.get("pillar"):
            courses = courses.filter(
                pk__in=Course.objects.filter(pillars=data["pillar"]).values("pk")
            )
        if data.get("provider"):
            courses = courses.filter(provider=data["provider"])
        return courses[:20]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            querystring=query.urlencode(),
            on_demand=self.on_demand(),
            audiences=Audience.objects.all(),
            crumbs=[("Trainings", None)],
        )
        return context


class CourseDetailView(TemplateView):
    template_name = "training/course_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            course = queries.course_detail(kwargs["slug"])
        except Course.DoesNotExist:
            raise Http404 from None
        context.update(
            course=course,
            materials=materials_of_course(course, self.request.user),
            crumbs=[("Trainings", reverse("training:catalog")), (course.title, None)],
        )
        return context


class SessionDetailView(TemplateView):
    template_name = "training/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            session = queries.session_detail(kwargs["pk"])
        except Session.DoesNotExist:
            raise Http404 from None
        user = self.request.user
        enrollment = queries.live_enrollment(user, session)
        position = None
        if enrollment and enrollment.status == Enrollment.Status.WAITLISTED:
            position = services.waitlist_position(enrollment)
        seats_left = (
            None if session.capacity is None else max(session.capacity - session.registered, 0)
        )
        context.update(
            session=session,
            course=session.course,
            enrollment=enrollment,
            position=position,
            seats_left=seats_left,
            registration_problem=access.registration_problem(session),
            eligibility_problem=access.eligibility_problem(user, session)
            if not enrollment
            else None,
            can_enroll_staff=bool(partner_access.managed_organization_ids(user)),
            crumbs=[
                ("Trainings", reverse("training:catalog")),
                (session.course.title, session.course.get_absolute_url()),
                (session.local_start.strftime("%B %-d, %Y"), None),
            ],
        )
        return context


class SessionEnrollView(LoginRequiredMixin, View):
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
                    "You are registered. A confirmation with a calendar file is on its way.",
                )
            else:
                position = services.waitlist_position(enrollment)
                messages.info(
                    request,
                    f"The session is full: you are number {position} on the waitlist. "
                    "We will email you if a seat opens.",
                )
        return redirect(session)


class SessionCancelView(LoginRequiredMixin, View):
    def post(self, request, pk):
        session = get_object_or_404(Session, pk=pk)
        enrollment = queries.live_enrollment(request.user, session)
        if enrollment is None:
            messages.error(request, "You are not enrolled in this session.")
            return redirect(session)
        was_waitlisted = enrollment.status == Enrollment.Status.WAITLISTED
        try:
            services.cancel_enrollment(enrollment=enrollment, cancelled_by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                "You left the waitlist." if was_waitlisted else "Your seat is cancelled.",
            )
        return redirect(session)


class SessionCalendarView(View):
    def get(self, request, pk):
        session = get_object_or_404(
            Session.objects.select_related("course"), pk=pk, course__published=True
        )
        return ics_response(
            build_calendar([session], name=session.course.title), f"training-{pk}.ics"
        )


class GiveBackView(TemplateView):
    """The one-click link in a promotion email: confirm, and the seat goes to the next person."""

    template_name = "training/give_back.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.enrollment = services.enrollment_from_give_back_token(kwargs["token"])
        except ValidationError:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, token):
        try:
            services.cancel_enrollment(
                enrollment=self.enrollment, cancelled_by=self.enrollment.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(request.path)
        messages.success(request, "Thank you: your seat went to the next person on the waitlist.")
        return redirect(self.enrollment.session.course)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrollment"] = self.enrollment
        context["session"] = self.enrollment.session
        return context


class BulkEnrollView(LoginRequiredMixin, TemplateView):
    """A coordinator enrolls staff of the organizations they manage, each through `enroll`."""

    template_name = "training/bulk_enroll.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.session = get_object_or_404(
            queries.with_seat_counts(Session.objects.select_related("course")), pk=kwargs["pk"]
        )
        self.memberships = access.staff_a_coordinator_may_enroll(request.user)
        if not partner_access.managed_organization_ids(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BulkEnrollForm(memberships=self.memberships))
        context.update(
            session=self.session,
            crumbs=[
                ("Trainings", reverse("training:catalog")),
                (self.session.course.title, self.session.get_absolute_url()),
                ("Enroll staff", None),
            ],
        )
        return context

    def post(self, request, pk):
        form = BulkEnrollForm(request.POST, memberships=self.memberships)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        chosen = {m.pk: m for m in self.memberships}
        members = [
            (chosen[pk].user, chosen[pk].organization) for pk in form.cleaned_data["memberships"]
        ]
        outcomes = services.enroll_staff(
            session=self.session, members=members, enrolled_by=request.user
        )
        return self.render_to_response(self.get_context_data(form=form, outcomes=outcomes))


class MyTrainingsView(LoginRequiredMixin, TemplateView):
    template_name = "training/my_trainings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upcoming, past = queries.my_enrollments(self.request.user)
        feed = queries.feed_for(self.request.user)
        managed = Organization.objects.filter(
            pk__in=partner_access.managed_organization_ids(self.request.user)
        ).order_by("name")
        context.update(
            upcoming=upcoming,
            past=past,
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
            crumbs=[("My trainings", None)],
        )
        return context


class FeedResetView(LoginRequiredMixin, View):
    def post(self, request):
        feed = queries.feed_for(request.user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
        messages.success(request, "Your calendar link was changed; the old link no longer works.")
        return redirect("training:mine")


class PersonalFeedView(View):
    def get(self, request, token):
        feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
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


class PublicFeedView(View):
    """Upcoming sessions open to anyone with an account, optionally for one audience."""

    def get(self, request, audience=None):
        sessions = queries.upcoming_sessions().filter(
            eligibility__in=[Session.Eligibility.SIGNED_IN, Session.Eligibility.PARTNER_STAFF]
        )
        name = "Upcoming trainings"
        if audience is not None:
            audience = get_object_or_404(Audience, slug=audience)
            sessions = sessions.filter(
                course__in=Course.objects.filter(audiences=audience).values("pk")
            )
            name = f"Upcoming trainings for {audience.name.lower()}"
        return ics_response(build_calendar(sessions, name=name), "trainings.ics")


class OrganizationFeedView(View):
    """A coordinator's feed of the sessions their organization's people are enrolled in."""

    def get(self, request, token, slug):
        feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
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
        return ics_response(
            build_calendar(sessions, name=f"Trainings of {organization.name}"),
            f"{slug}-trainings.ics",
        )
