"""Inviting people from a CSV file: the file is checked, each row's outcome previewed,
then the previewed addresses are invited through `invite_members`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from campaign.csv_import import PreviewThenConfirmMixin, read_choice, sign_choice
from campaign.errors import error_text
from partners import queries, services
from partners.forms import MAX_INVITATIONS_FROM_A_FILE, InvitationFileForm
from partners.models import Membership
from partners.views import ManageOrganizationMixin

IMPORT_SALT = "partners.invitation-import"


class InvitationImportView(PreviewThenConfirmMixin, ManageOrganizationMixin, TemplateView):
    template_name = "partners/manage/invitation_import.html"
    file_form_class = InvitationFileForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tab"] = "invitations"
        return context

    def preview(self, form):
        preview = queries.invitation_preview(self.organization, form.rows)
        chosen = [row.email.lower() for row in preview if row.invite]
        if len(chosen) > MAX_INVITATIONS_FROM_A_FILE:
            form.add_error(
                "file",
                _("Invite at most %(max)s people from one file.")
                % {"max": MAX_INVITATIONS_FROM_A_FILE},
            )
            return None
        role = form.cleaned_data["role"]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=preview,
                chosen=len(chosen),
                role=Membership.Role(role).label,
                token=sign_choice([role, *chosen], salt=IMPORT_SALT),
            )
        )

    def commit(self, request):
        try:
            role, *emails = read_choice(request.POST["token"], salt=IMPORT_SALT)
            outcome = services.invite_members(
                organization=self.organization, emails=emails, role=role, invited_by=request.user
            )
        except (ValidationError, ValueError) as error:
            message = error_text(error) if isinstance(error, ValidationError) else ""
            messages.error(
                request, message or _("This preview is not valid: upload the file again.")
            )
            return redirect(request.path)
        messages.success(
            request,
            _("%(invited)s invited, %(renewed)s sent again.")
            % {"invited": len(outcome.invited), "renewed": len(outcome.renewed)},
        )
        return redirect("partners:manage-invitations", slug=self.organization.slug)
