"""A coordinator's API tokens: make one (its secret shown once), list them, revoke one."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from partners import queries, services
from partners.api_tokens import ApiToken
from partners.forms import ApiTokenForm
from partners.views import ManageOrganizationMixin

# The new secret waits here between the POST that made it and the page that shows it once.
NEW_SECRET_SESSION_KEY = "partners.api-token.new-secret"  # noqa: S105 (a session key)
# What the date field offers first.
DEFAULT_VALIDITY = timedelta(days=90)


@method_decorator(never_cache, name="dispatch")
class ApiTokensView(ManageOrganizationMixin, FormView):
    template_name = "partners/manage/api_tokens.html"
    form_class = ApiTokenForm
    page = "partners:manage-api-tokens"

    def get_initial(self):
        return {"expires_on": timezone.localdate() + DEFAULT_VALIDITY}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(tokens=queries.api_tokens_of(self.organization), tab="api")
        shown = self.request.session.pop(NEW_SECRET_SESSION_KEY, None)
        if shown and shown.get("organization") == self.organization.pk:
            context["new_secret"] = shown["secret"]
            context["new_name"] = shown["name"]
        return context

    def form_valid(self, form):
        try:
            token, secret = services.create_api_token(
                organization=self.organization,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
                created_by=self.request.user,
            )
        except ValidationError as error:
            field = "expires_on" if getattr(error, "code", None) == "expires_on" else None
            form.add_error(field, error)
            return self.form_invalid(form)
        self.request.session[NEW_SECRET_SESSION_KEY] = {
            "organization": self.organization.pk,
            "secret": secret,
            "name": token.name,
        }
        return self.manage_redirect()


class ApiTokenRevokeView(ManageOrganizationMixin, View):
    page = ApiTokensView.page

    def post(self, request, slug, pk):
        token = self.get_own(ApiToken, pk)
        return self.confirm_then_run(
            lambda: services.revoke_api_token(token=token, revoked_by=request.user),
            title=_("Revoke the token “%(name)s”?") % {"name": token.name},
            question=_(
                "Programs that use it will get no more data from %(organization)s. This "
                "cannot be undone: make a new token to give access again."
            )
            % {"organization": self.organization.name},
            button=_("Revoke"),
            success=_("The token “%(name)s” was revoked: it no longer works.")
            % {"name": token.name},
        )
