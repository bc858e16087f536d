"""The public catalog: courses, sessions and a session's calendar file."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView

from campaign.dates import date_as
from campaign.models import Audience
from campaign.pages import found_or_404
from campaign.public import public
from campaign.search import search_text
from partners import queries as partner_queries
from resources.queries import materials_of_course
from training import access, checkin, queries, services
from training.calendar import build_calendar, ics_response
from training.filters import SessionFilter
from training.models import (
    Course,
    Enrollment,
    Session,
)


@public
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
        context.update(
            filter=self.filterset,
            on_demand=self.on_demand(),
            audiences=Audience.objects.all(),
            crumbs=[(_("Trainings"), None)],
        )
        return context


@public
class CourseDetailView(TemplateView):
    template_name = "training/course_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = found_or_404(queries.course_detail, kwargs["slug"])
        context.update(
            course=course,
            materials=materials_of_course(course, self.request.user),
            crumbs=[(_("Trainings"), reverse("training:catalog")), (course.title, None)],
        )
        return context


@public
class SessionDetailView(TemplateView):
    template_name = "training/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = found_or_404(queries.session_detail, kwargs["pk"])
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
            can_enroll_staff=bool(partner_queries.managed_organization_ids(user)),
            can_take_attendance=access.can_take_attendance(user, session),
            check_in_open=checkin.is_open(session),
            crumbs=[
                (_("Trainings"), reverse("training:catalog")),
                (session.course.title, session.course.get_absolute_url()),
                (date_as(session.local_start, "day"), None),
            ],
        )
        return context


@public
class SessionCalendarView(View):
    def get(self, request, pk):
        session = get_object_or_404(
            Session.objects.select_related("course"), pk=pk, course__published=True
        )
        return ics_response(
            build_calendar([session], name=session.course.title), f"training-{pk}.ics"
        )
