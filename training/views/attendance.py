"""Trainers' pages: their sessions, attendance, check-in codes and sign-in sheets."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.tz import do_timezone
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView

from campaign.emails import absolute_url
from campaign.errors import error_text
from campaign.pages import CrumbsMixin
from training import access, checkin, queries, services
from training.forms import (
    CheckInCodeForm,
)
from training.models import (
    Enrollment,
    Session,
)


class TeachingView(CrumbsMixin, ListView):
    """A trainer's sessions, each with its attendance page."""

    template_name = "training/teaching.html"
    paginate_by = 20
    context_object_name = "sessions"

    def get_queryset(self):
        return queries.sessions_trained_by(self.request.user)

    def get_crumbs(self):
        return [
            (_("My trainings"), reverse("training:mine")),
            (_("Sessions I train"), None),
        ]


class TrainerSessionMixin:
    """Resolves the session; only its trainers and campaign admins get further (404 for
    everyone else, so the page gives nothing away)."""

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(Session.objects.select_related("course"), pk=kwargs["pk"])
        if not access.can_take_attendance(request.user, self.session):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def code_payload(session: Session, code: checkin.CheckInCode) -> dict:
    """What the trainer's screen shows of the current code: the code, its link and the
    link's QR code."""
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
        code = checkin.code_for(self.session) if checkin.is_open(self.session) else None
        context.update(
            session=self.session,
            course=self.session.course,
            page_obj=page,
            enrollments=page.object_list,
            check_in_open=code is not None,
            check_in_opens=do_timezone(opens, self.session.zone),
            code=code_payload(self.session, code) if code else None,
            # In the session's zone, as the page's other times and the screen's script.
            code_changes_at=do_timezone(code.expires_at, self.session.zone) if code else None,
            can_mark=timezone.now() >= opens,
            check_in_page_url=absolute_url(reverse("training:check-in-code-form")),
            crumbs=[
                (_("Sessions I train"), reverse("training:teaching")),
                (self.session.course.title, self.session.get_absolute_url()),
                (_("Attendance"), None),
            ],
        )
        return context


class CheckInCodeView(TrainerSessionMixin, View):
    """The trainer's screen asks for the current code every few seconds (static JS)."""

    def get(self, request, pk):
        if not checkin.is_open(self.session):
            return JsonResponse({"open": False})
        code = checkin.code_for(self.session)
        response = JsonResponse({"open": True, **code_payload(self.session, code)})
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
            if self.OUTCOMES[outcome]:
                text = _("%(person)s is marked attended.")
            else:
                text = _("%(person)s is marked a no-show.")
            messages.success(request, text % {"person": enrollment.user})
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
                (_("Attendance"), reverse("training:attendance", args=[self.session.pk])),
                (_("Sign-in sheet"), None),
            ],
        )
        return context


class CheckInPage(TemplateView):
    template_name = "training/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CheckInCodeForm())
        context["crumbs"] = [(_("My trainings"), reverse("training:mine")), (_("Check in"), None)]
        return context


class CheckInView(CheckInPage):
    """Opening the QR code's link checks a signed-in registered person in. Safe to repeat:
    a second visit finds the person already attended and changes nothing."""

    def get(self, request, pk, token):
        session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
        try:
            services.check_in(user=request.user, session=session, token=token)
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(session=session, problem=error_text(error))
            )
        return self.render_to_response(self.get_context_data(session=session, checked_in=True))


class CheckInByCodeView(CheckInPage):
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
