"""Evaluations: the attendee's form, a trainer's results of a session, and an
organization's averages for its coordinators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from campaign.errors import error_text
from campaign.pages import CrumbsMixin
from campaign.small_groups import MIN_PEOPLE
from partners import queries as partner_queries
from training import access, evaluation_queries, services
from training.forms import EvaluationForm
from training.models import Certificate
from training.views.attendance import TrainerSessionMixin
from training.views.report import OrganizationReportMixin


class EvaluateView(CrumbsMixin, FormView):
    """The attendee's own evaluation of a session they attended (404 for anyone else's)."""

    template_name = "training/evaluate.html"
    form_class = EvaluationForm

    def dispatch(self, request, *args, **kwargs):
        self.enrollment = evaluation_queries.own_enrollment(request.user, kwargs["pk"])
        if self.enrollment is None:
            raise Http404
        if self.enrollment.evaluated:
            messages.info(request, _("You have already evaluated this training. Thank you."))
            return redirect("training:mine")
        problem = access.evaluation_problem(self.enrollment, request.user, now=timezone.now())
        if problem:
            messages.error(request, problem)
            return redirect("training:mine")
        return super().dispatch(request, *args, **kwargs)

    def get_crumbs(self):
        return [(_("My trainings"), reverse("training:mine")), (_("Evaluation"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.enrollment.session.course
        context.update(
            session=self.enrollment.session,
            course=course,
            certificate_waits=course.issues_certificates and course.requires_evaluation,
        )
        return context

    def form_valid(self, form):
        try:
            services.submit_evaluation(
                enrollment=self.enrollment, submitted_by=self.request.user, **form.answers()
            )
        except ValidationError as error:
            if error.code == services.ALREADY_EVALUATED:
                messages.info(self.request, error_text(error))
                return redirect("training:mine")
            form.add_error(None, error)
            return self.form_invalid(form)
        if Certificate.objects.filter(enrollment=self.enrollment, revoked_at=None).exists():
            done = _("Thank you for your evaluation. Your certificate is ready below.")
        else:
            done = _("Thank you for your evaluation.")
        messages.success(self.request, done)
        return redirect("training:mine")


class SessionEvaluationsView(TrainerSessionMixin, TemplateView):
    """A session's results for its trainers (and campaign admins): averages, how many gave
    each answer, and the written answers, never who gave them."""

    template_name = "training/session_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluations = evaluation_queries.of_session(self.session)
        context.update(
            session=self.session,
            results=evaluation_queries.results(evaluations),
            page_obj=Paginator(evaluation_queries.free_texts(evaluations), 20).get_page(
                self.request.GET.get("page")
            ),
            crumbs=[
                (_("My trainings"), reverse("training:mine")),
                (_("Sessions I train"), reverse("training:teaching")),
                (_("Evaluation results"), None),
            ],
        )
        return context


class OrganizationEvaluationsView(OrganizationReportMixin, TemplateView):
    """Averages of the evaluations of the organization's people (with its
    sub-organizations') for its coordinators, each group hidden below MIN_PEOPLE answers."""

    template_name = "training/organization_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overall, courses = evaluation_queries.organization_averages(
            partner_queries.descendant_ids({self.organization.pk})
        )
        context.update(
            overall=overall,
            page_obj=Paginator(courses, 25).get_page(self.request.GET.get("page")),
            statements=evaluation_queries.statements(),
            min_people=MIN_PEOPLE,
            tab="evaluations",
        )
        context["crumbs"][-1] = (_("Evaluations"), None)
        return context
