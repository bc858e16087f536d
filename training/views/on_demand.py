"""On-demand courses: their material and the knowledge check."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from campaign.uploads import file_response
from training import access, services
from training.forms import (
    KnowledgeCheckForm,
)
from training.models import (
    Course,
)


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


class CourseMaterialView(View):
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


class KnowledgeCheckView(TemplateView):
    template_name = "training/knowledge_check.html"

    def dispatch(self, request, *args, **kwargs):
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
                (_("Trainings"), reverse("training:catalog")),
                (self.course.title, self.course.get_absolute_url()),
                (_("Knowledge check"), None),
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
            text = _("You passed with %(score)s%%.") % {"score": result.attempt.score}
            if result.issued:
                text += " " + _("Your certificate is in My trainings and on its way by email.")
            elif result.certificate and result.certificate.is_revoked:
                text += " " + _(
                    "Your certificate for this course was revoked, so no certificate is "
                    "issued for this pass."
                )
            elif result.certificate:
                text += " " + _("Your certificate is in My trainings.")
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
