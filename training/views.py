import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.tz import do_timezone
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import ListView, TemplateView
from django_ratelimit.decorators import ratelimit

from campaign.csv_export import csv_response
from campaign.emails import absolute_url
from campaign.errors import error_text
from campaign.models import Audience
from campaign.search import search_text
from campaign.uploads import file_response
from partners import access as partner_access
from partners.models import Organization
from partners.views import ManageOrganizationMixin
from resources.queries import materials_of_course
from training import access, checkin, queries, services
from training.calendar import build_calendar
from training.certificate_pdf import render_certificate_pdf
from training.filters import SessionFilter
from training.forms import (
    BulkEnrollForm,
    CheckInCodeForm,
    KnowledgeCheckForm,
    ReportFilterForm,
    TrainingRequestForm,
)
from training.models import (
    Course,
    Enrollment,
    Session,
    TrainingRequest,
    new_feed_token,
    normalize_certificate_code,
)


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
            can_take_attendance=access.can_take_attendance(user, session),
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
        return ics_response(
            build_calendar(sessions, name=f"Trainings of {organization.name}"),
            f"{slug}-trainings.ics",
        )


# --- Attendance and check-in ---------------------------------------------------------------


class TeachingView(LoginRequiredMixin, ListView):
    """A trainer's sessions, each with its attendance page."""

    template_name = "training/teaching.html"
    paginate_by = 20
    context_object_name = "sessions"

    def get_queryset(self):
        return queries.sessions_trained_by(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [
            ("My trainings", reverse("training:mine")),
            ("Sessions I train", None),
        ]
        return context


class TrainerSessionMixin:
    """Resolves the session; only its trainers and campaign admins get further (404 for
    everyone else, so the page gives nothing away)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.session = get_object_or_404(Session.objects.select_related("course"), pk=kwargs["pk"])
        if not access.can_take_attendance(request.user, self.session):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def current_code_payload(session: Session) -> dict:
    """What the trainer's screen shows now: the code, its link and the link's QR code."""
    code = checkin.code_for(session)
    url = absolute_url(
        reverse("training:check-in", kwargs={"pk": session.pk, "token": code.token})
    )
    return {
        "short_code": code.short_code,
        "url": url,
        "qr": segno.make(url, error="m").png_data_uri(scale=6, border=2),
        "expires_at": code.expires_at.isoformat(),
        "seconds_left": max(int((code.expires_at - timezone.now()).total_seconds()), 0),
    }


class AttendanceView(TrainerSessionMixin, TemplateView):
    template_name = "training/attendance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(queries.attendance_roster(self.session), 50).get_page(
            self.request.GET.get("page")
        )
        opens, _closes = checkin.window(self.session)
        context.update(
            session=self.session,
            course=self.session.course,
            page_obj=page,
            enrollments=page.object_list,
            check_in_open=checkin.is_open(self.session),
            check_in_opens=do_timezone(opens, self.session.zone),
            code=current_code_payload(self.session) if checkin.is_open(self.session) else None,
            can_mark=timezone.now() >= opens,
            check_in_page_url=absolute_url(reverse("training:check-in-code-form")),
            crumbs=[
                ("Sessions I train", reverse("training:teaching")),
                (self.session.course.title, self.session.get_absolute_url()),
                ("Attendance", None),
            ],
        )
        return context


class CheckInCodeView(TrainerSessionMixin, View):
    """The trainer's screen asks for the current code every few seconds (static JS)."""

    def get(self, request, pk):
        if not checkin.is_open(self.session):
            return JsonResponse({"open": False})
        response = JsonResponse({"open": True, **current_code_payload(self.session)})
        response["Cache-Control"] = "no-store"
        return response


class AttendanceMarkView(TrainerSessionMixin, View):
    OUTCOMES = {"attended": True, "no-show": False}

    def post(self, request, pk, enrollment_pk, outcome):
        if outcome not in self.OUTCOMES:
            raise Http404
        enrollment = get_object_or_404(
            Enrollment.objects.select_related("user"), pk=enrollment_pk, session=self.session
        )
        try:
            services.mark_attendance(
                enrollment=enrollment, attended=self.OUTCOMES[outcome], marked_by=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            label = "attended" if self.OUTCOMES[outcome] else "a no-show"
            messages.success(request, f"{enrollment.user} is marked {label}.")
        page = request.POST.get("page", "")
        url = reverse("training:attendance", args=[pk])
        return redirect(f"{url}?page={page}" if page.isdigit() else url)


class SignInSheetView(TrainerSessionMixin, TemplateView):
    """A printable sheet for rooms without phones: every registered person, a line to sign."""

    template_name = "training/sign_in_sheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            course=self.session.course,
            enrollments=queries.attendance_roster(self.session),
            crumbs=[
                ("Attendance", reverse("training:attendance", args=[self.session.pk])),
                ("Sign-in sheet", None),
            ],
        )
        return context


class CheckInPage(TemplateView):
    template_name = "training/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CheckInCodeForm())
        context["crumbs"] = [("My trainings", reverse("training:mine")), ("Check in", None)]
        return context


class CheckInView(CheckInPage):
    """Opening the QR code's link checks a signed-in registered person in. Safe to repeat:
    a second visit finds the person already attended and changes nothing."""

    def get(self, request, pk, token):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
        try:
            services.check_in(user=request.user, session=session, token=token)
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(session=session, problem=error_text(error))
            )
        return self.render_to_response(self.get_context_data(session=session, checked_in=True))


class CheckInByCodeView(LoginRequiredMixin, CheckInPage):
    """For people who type the short code instead of scanning."""

    def post(self, request):
        form = CheckInCodeForm(request.POST)
        if form.is_valid():
            try:
                enrollment = services.check_in_by_code(
                    user=request.user, short_code=form.cleaned_data["code"]
                )
            except ValidationError as error:
                form.add_error("code", error)
            else:
                return self.render_to_response(
                    self.get_context_data(session=enrollment.session, checked_in=True)
                )
        return self.render_to_response(self.get_context_data(form=form))


# --- Certificates ---------------------------------------------------------------------------


class CertificateLookupView(TemplateView):
    """A form to type a code; it leads to the code's verification page."""

    template_name = "training/certificate_verify.html"

    def get(self, request):
        typed = request.GET.get("code", "")[:60]
        code = normalize_certificate_code(typed) or "".join(
            ch for ch in typed.upper()[:40] if ch.isascii() and (ch.isalnum() or ch == "-")
        )
        if code:
            return redirect("certificates:verify", code=code)
        return self.render_to_response(
            {"lookup": True, "crumbs": [("Verify a certificate", None)]}
        )


def verification_limited(request) -> bool:
    return getattr(request, "limited", False)


def verification_payload(certificate) -> dict:
    if certificate is None:
        return {"status": "not_valid"}
    payload = {
        "status": "revoked" if certificate.is_revoked else "valid",
        "code": certificate.code,
        "name": certificate.recipient_name,
        "course": certificate.course.title,
        "hours": certificate.hours_display,
        "completed_on": certificate.issued_on.isoformat(),
    }
    if certificate.is_revoked:
        payload["revoked_at"] = certificate.revoked_at.isoformat()
    return payload


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: settings.CERTIFICATE_VERIFY_RATE, block=False),
    name="get",
)
class CertificateVerifyView(TemplateView):
    """Anyone checks a certificate by its code: valid, revoked (and when), or not valid."""

    template_name = "training/certificate_verify.html"

    def get(self, request, code, as_json=False):
        if verification_limited(request):
            message = "Too many checks from your connection. Wait a minute and try again."
            if as_json:
                return JsonResponse({"status": "rate_limited", "message": message}, status=429)
            response = self.render_to_response({"limited": True, "message": message})
            response.status_code = 429
            return response
        certificate = queries.certificate_by_code(code)
        if as_json:
            return JsonResponse(verification_payload(certificate))
        if certificate is not None and code != certificate.code:
            # One address per certificate, whichever way the code was typed.
            return redirect(certificate)
        return self.render_to_response(self.get_context_data(certificate=certificate, code=code))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [("Verify a certificate", None)]
        return context


class CertificateDownloadView(LoginRequiredMixin, View):
    def get(self, request, code):
        certificate = queries.certificate_by_code(code)
        if certificate is None or not access.can_download_certificate(request.user, certificate):
            raise Http404
        response = HttpResponse(
            render_certificate_pdf(certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.code}.pdf"'
        )
        return response


# --- On-demand courses ----------------------------------------------------------------------


def on_demand_course(slug: str) -> Course:
    course = (
        Course.objects.filter(published=True, format__in=Course.ON_DEMAND_FORMATS)
        .select_related("provider")
        .filter(slug=slug)
        .first()
    )
    if course is None:
        raise Http404
    return course


class CourseMaterialView(LoginRequiredMixin, View):
    """The course's file, streamed to signed-in people only (never a public media URL)."""

    def get(self, request, slug):
        course = on_demand_course(slug)
        if not course.content_file or not access.can_open_course_material(request.user):
            raise Http404
        try:
            handle = course.content_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return file_response(handle, download_stem=course.slug)


class KnowledgeCheckView(LoginRequiredMixin, TemplateView):
    template_name = "training/knowledge_check.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.course = on_demand_course(kwargs["slug"])
        self.questions = list(self.course.questions.all())
        if not self.questions:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", KnowledgeCheckForm(questions=self.questions))
        context.update(
            course=self.course,
            passed_before=self.course.attempts.filter(
                user=self.request.user, passed=True
            ).exists(),
            crumbs=[
                ("Trainings", reverse("training:catalog")),
                (self.course.title, self.course.get_absolute_url()),
                ("Knowledge check", None),
            ],
        )
        return context

    def post(self, request, slug):
        form = KnowledgeCheckForm(request.POST, questions=self.questions)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            result = services.submit_knowledge_check(
                user=request.user, course=self.course, answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        if result.attempt.passed:
            text = f"You passed with {result.attempt.score}%."
            if result.issued:
                text += " Your certificate is in My trainings and on its way by email."
            elif result.certificate and result.certificate.is_revoked:
                text += (
                    " Your certificate for this course was revoked, so no certificate is "
                    "issued for this pass."
                )
            elif result.certificate:
                text += " Your certificate is in My trainings."
            messages.success(request, text)
            return redirect("training:mine")
        review = [
            (question, question.choice_list[question.correct_choice - 1])
            for question in self.questions
            if question.pk in result.wrong
        ]
        return self.render_to_response(
            self.get_context_data(
                form=KnowledgeCheckForm(questions=self.questions),
                result=result,
                review=review,
            )
        )


# --- Training requests ----------------------------------------------------------------------


class TrainingRequestView(LoginRequiredMixin, TemplateView):
    """A coordinator asks for a training for an organization they manage."""

    template_name = "training/training_request.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.can_request_training(request.user):
            raise PermissionDenied
        self.organizations = Organization.objects.filter(
            pk__in=partner_access.managed_organization_ids(request.user)
        ).order_by("name")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TrainingRequestForm(organizations=self.organizations))
        context.update(
            requests=TrainingRequest.objects.filter(organization__in=self.organizations)
            .select_related("organization", "course", "session")
            .order_by("-submitted_at")[:20],
            crumbs=[("My trainings", reverse("training:mine")), ("Request a training", None)],
        )
        return context

    def post(self, request):
        form = TrainingRequestForm(request.POST, organizations=self.organizations)
        if form.is_valid():
            try:
                services.submit_training_request(requested_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "Your request was sent. The campaign team will email you when they answer.",
                )
                return redirect("training:request")
        return self.render_to_response(self.get_context_data(form=form))


# --- Organization report --------------------------------------------------------------------


class OrganizationReportMixin(ManageOrganizationMixin):
    def report(self, *, page_size: int | None):
        self.filter_form = ReportFilterForm(self.request.GET or None)
        dates = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        start, end = dates.get("start"), dates.get("end")
        organization_ids = partner_access.descendant_ids({self.organization.pk})
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
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            page_obj=page,
            rows=rows,
            totals=totals,
            filter_form=self.filter_form,
            querystring=query.urlencode(),
            tab="report",
        )
        context["crumbs"][-1] = ("Training report", None)
        return context


class OrganizationReportCSVView(OrganizationReportMixin, View):
    def get(self, request, slug):
        _page, rows, _totals = self.report(page_size=None)
        return csv_response(
            filename=f"{self.organization.slug}-training-report.csv",
            header=["Name", "Email", "Organization", "Completed", "Upcoming", "Missed"],
            rows=(
                [
                    row.membership.user.name,
                    row.membership.user.email,
                    row.membership.organization.name,
                    "; ".join(row.completed),
                    "; ".join(row.upcoming),
                    "; ".join(row.missed),
                ]
                for row in rows
            ),
        )
