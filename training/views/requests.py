"""Coordinators asking for a training for their organization."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from partners import queries as partner_queries
from partners.models import Organization
from training import access, services
from training.forms import (
    TrainingRequestForm,
)
from training.models import (
    TrainingRequest,
)


class TrainingRequestView(TemplateView):
    """A coordinator asks for a training for an organization they manage."""

    template_name = "training/training_request.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_request_training(request.user):
            raise PermissionDenied
        self.organizations = Organization.objects.filter(
            pk__in=partner_queries.managed_organization_ids(request.user)
        ).order_by("name")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TrainingRequestForm(organizations=self.organizations))
        context.update(
            requests=TrainingRequest.objects.filter(organization__in=self.organizations)
            .select_related("organization", "course", "session")
            .order_by("-submitted_at")[:20],
            crumbs=[
                (_("My trainings"), reverse("training:mine")),
                (_("Request a training"), None),
            ],
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
                    _("Your request was sent. The campaign team will email you when they answer."),
                )
                return redirect("training:request")
        return self.render_to_response(self.get_context_data(form=form))
