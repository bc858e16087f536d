from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from campaign.confirm import ask_to_confirm
from campaign.errors import error_text
from campaign.pages import CrumbsMixin
from campaign.public import public
from partners import access, queries, services
from partners.filters import OrganizationFilter
from partners.forms import InviteForm, JoinRequestForm, PartnerApplicationForm, RoleForm
from partners.models import Invitation, Membership, Organization, PartnerApplication


@public
class DirectoryView(CrumbsMixin, FilterView):
    template_name = "partners/directory.html"
    filterset_class = OrganizationFilter
    paginate_by = 20
    context_object_name = "organizations"

    def get_queryset(self):
        return queries.public_organizations()

    def get_crumbs(self):
        return [(_("Partners"), None)]


class JoinView(View):
    """Asks to join an organization (a pending membership)."""

    def post(self, request, slug):
        organization = get_object_or_404(Organization, slug=slug)
        if not access.can_see(request.user, organization):
            raise Http404
        form = JoinRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Your message is too long: keep it under 1,000 characters."))
            return redirect(organization)
        try:
            services.request_membership(
                user=request.user, organization=organization, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("Your request to join %(name)s was sent to its coordinators.")
                % {"name": organization.name},
            )
        return redirect(organization)


@public
class ApplyView(FormView):
    """Anyone may read what applying takes; an anonymous visitor is told that an account
    comes first (with links that bring them back here), and only a signed-in person may
    send the form."""

    template_name = "partners/apply.html"
    form_class = PartnerApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated and request.method != "GET":
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated:
            context["applications"] = PartnerApplication.objects.filter(
                applicant=self.request.user
            ).select_related("organization")
        context["crumbs"] = [
            (_("Partners"), reverse("partners:directory")),
            (_("Become a partner"), None),
        ]
        return context

    def form_valid(self, form):
        try:
            services.submit_application(applicant=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Thank you. Your application was received; the campaign team will email you "
                "once it has been reviewed."
            ),
        )
        return redirect("partners:apply")


class MyOrganizationsView(TemplateView):
    template_name = "partners/my_organizations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["memberships"] = queries.memberships_of(user)
        context["invitations"] = list(
            Invitation.objects.filter(
                email__in=user.emailaddress_set.filter(verified=True).values("email"),
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).select_related("organization")
        )
        context["managed_ids"] = queries.managed_organization_ids(user)
        context["crumbs"] = [(_("My organizations"), None)]
        return context


@public
class InvitationView(TemplateView):
    """The page an invitation email links to: sign up or sign in, then accept."""

    template_name = "partners/invitation.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(
            Invitation.objects.select_related("organization", "invited_by"), token=kwargs["token"]
        )
        if self.invitation.state == "open" and not access.invitation_stands(self.invitation):
            # Its inviter or organization no longer stands: the link opens nothing.
            return self.render_to_response(self.get_context_data(void=True), status=410)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated and self.invitation.state == "open":
            # Following the emailed link proves the address: sign-up needs no second check.
            get_adapter(request).stash_verified_email(request, self.invitation.email)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership = services.accept_invitation(invitation=self.invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(request.path)
        messages.success(
            request,
            _("You are now a member of %(name)s.") % {"name": membership.organization.name},
        )
        return redirect(membership.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            invitation=self.invitation,
            organization=self.invitation.organization,
        )
        return context


# --- Coordinator pages --------------------------------------------------------------------


class ManageOrganizationMixin:
    """Resolves the organization and lets only its managers in.

    Anonymous visitors are sent to sign in by LoginRequiredMiddleware; cannot see the
    organization → 404; can see but not manage → 403.
    """

    # The manage page that this view's steps come back to.
    page = "partners:manage-roster"

    def dispatch(self, request, *args, **kwargs):
        self.organization = get_object_or_404(
            Organization.objects.select_related("parent"), slug=kwargs["slug"]
        )
        if not access.can_manage(request.user, self.organization):
            if not access.can_see(request.user, self.organization):
                raise Http404
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organization"] = self.organization
        context["crumbs"] = [
            (_("Partners"), reverse("partners:directory")),
            (self.organization.name, self.organization.get_absolute_url()),
            (_("Manage"), None),
        ]
        return context

    def manage_redirect(self, name: str | None = None):
        """Back to the manage page `name`, by default this view's own `page`."""
        return redirect(name or self.page, slug=self.organization.slug)

    def get_own(self, rows, pk: int):
        """The row `pk` of `rows` (a model or a queryset) if it belongs to this organization:
        another organization's is 404, as if it did not exist."""
        return get_object_or_404(rows, pk=pk, organization=self.organization)

    def get_membership(self, pk: int) -> Membership:
        """A membership of this organization only, with its person."""
        return self.get_own(Membership.objects.select_related("user"), pk)

    def ask_first(self, **confirmation):
        """The "are you sure?" page (`confirmation`: its title, question, button and what
        it carries), back to this view's page; None once the person confirmed."""
        return ask_to_confirm(
            self.request, back=reverse(self.page, args=[self.organization.slug]), **confirmation
        )

    def run_service(self, call, *, success: str):
        """Calls a service; its refusal becomes an error message, its success a message.
        Back to this view's page."""
        try:
            call()
        except ValidationError as error:
            messages.error(self.request, error_text(error))
        else:
            messages.success(self.request, success)
        return self.manage_redirect()

    def confirm_then_run(self, call, *, success: str, **confirmation):
        """`ask_first`, then, once confirmed, the service run as `run_service` runs it."""
        return self.ask_first(**confirmation) or self.run_service(call, success=success)


class MembershipRequestDecisionView(ManageOrganizationMixin, View):
    SERVICES = {"approve": services.approve_membership, "decline": services.decline_membership}
    DONE = {
        "approve": _("The request from %(person)s was approved."),
        "decline": _("The request from %(person)s was declined."),
    }

    def post(self, request, slug, pk, decision):
        if decision not in self.SERVICES:
            raise Http404
        membership = self.get_membership(pk)
        return self.run_service(
            lambda: self.SERVICES[decision](membership=membership, decided_by=request.user),
            success=self.DONE[decision] % {"person": membership.user},
        )


class MemberRoleView(ManageOrganizationMixin, View):
    NOW = {
        Membership.Role.STAFF: _("%(person)s is now staff."),
        Membership.Role.COORDINATOR: _("%(person)s is now a coordinator."),
    }

    def post(self, request, slug, pk):
        membership = self.get_membership(pk)
        form = RoleForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose staff or coordinator."))
            return self.manage_redirect()
        role = form.cleaned_data["role"]
        if role == Membership.Role.STAFF and membership.role != role:
            names = {"person": membership.user, "organization": self.organization.name}
            asked = self.ask_first(
                title=_("Make %(person)s staff?") % names,
                question=_(
                    "%(person)s will no longer manage %(organization)s: no roster, invitations "
                    "or report."
                )
                % names,
                button=_("Make staff"),
                carry={"role": role},
            )
            if asked:
                return asked
        response = self.run_service(
            lambda: services.change_role(
                membership=membership,
                role=role,
                changed_by=request.user,
            ),
            success=self.NOW[role] % {"person": membership.user},
        )
        if membership.user_id == request.user.pk:
            # Read through a fresh user: what this request remembered predates the change.
            fresh = get_user_model().objects.get(pk=request.user.pk)
            if not access.can_manage(fresh, self.organization):
                # They demoted themselves: the manage pages are closed to them now.
                return redirect(self.organization)
        return response


class MemberEndView(ManageOrganizationMixin, View):
    def post(self, request, slug, pk):
        membership = self.get_membership(pk)
        names = {"person": membership.user, "organization": self.organization.name}
        return self.confirm_then_run(
            lambda: services.end_membership(membership=membership, ended_by=request.user),
            title=_("Remove %(person)s?") % names,
            question=_(
                "%(person)s will no longer be a member of %(organization)s. To come back, they "
                "need a new invitation or an approved request."
            )
            % names,
            button=_("Remove"),
            success=_("%(person)s is no longer a member.") % names,
        )


class InvitationsView(ManageOrganizationMixin, FormView):
    template_name = "partners/manage/invitations.html"
    form_class = InviteForm
    page = "partners:manage-invitations"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitations"] = queries.open_invitations(self.organization)
        context["tab"] = "invitations"
        return context

    def form_valid(self, form):
        outcome = services.invite_members(
            organization=self.organization,
            emails=form.cleaned_data["emails"],
            role=form.cleaned_data["role"],
            invited_by=self.request.user,
        )
        if outcome.invited:
            messages.success(
                self.request, _("Invited: %(people)s.") % {"people": ", ".join(outcome.invited)}
            )
        if outcome.renewed:
            messages.info(
                self.request,
                _("Sent again with a new link: %(people)s.")
                % {"people": ", ".join(outcome.renewed)},
            )
        if outcome.already_members:
            messages.warning(
                self.request,
                _("Already members, not invited: %(people)s.")
                % {"people": ", ".join(outcome.already_members)},
            )
        return self.manage_redirect()


class InvitationRevokeView(ManageOrganizationMixin, View):
    page = "partners:manage-invitations"

    def post(self, request, slug, pk):
        invitation = self.get_own(Invitation, pk)
        return self.run_service(
            lambda: services.revoke_invitation(invitation=invitation, revoked_by=request.user),
            success=_("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        )
