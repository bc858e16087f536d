"""A signed-in person's own data: what the portal holds, its download, and deleting the
account. Every page here is the person's own; nobody sees another's."""

import json
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from campaign.errors import error_text
from campaign.site.privacy import retention, services
from campaign.site.privacy.forms import DeleteAccountForm
from campaign.site.privacy.queries import personal_data
from partners.queries import organizations_only_coordinated_by

YOUR_DATA = _("Your data")


class YourDataView(TemplateView):
    """What the portal holds about the person, how long, and the two things they can do."""

    template_name = "campaign/your_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_periods=retention.periods(), crumbs=[(YOUR_DATA, None)], **kwargs
        )


def json_chunks(user) -> Iterator[str]:
    """The download as JSON, one part at a time."""
    yield "{"
    for index, (key, value) in enumerate(personal_data(user)):
        separator = ",\n" if index else "\n"
        yield f"{separator}{json.dumps(key)}: {json.dumps(value, cls=DjangoJSONEncoder, indent=2)}"
    yield "\n}\n"


@method_decorator(never_cache, name="get")
class DataDownloadView(View):
    """Everything the portal holds about the person, as a JSON file of their own."""

    def get(self, request):
        response = StreamingHttpResponse(
            json_chunks(request.user), content_type="application/json; charset=utf-8"
        )
        filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class DeleteAccountView(FormView):
    """What deleting erases and what stays (anonymous), and the password to confirm it.
    Refused, with the reason, for an organization's only coordinator and for admins."""

    template_name = "campaign/delete_account.html"
    form_class = DeleteAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            refusal=services.refusal_to_delete(user),
            only_coordinator_of=list(organizations_only_coordinated_by(user)),
            crumbs=[(YOUR_DATA, reverse("account-data")), (_("Delete your account"), None)],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.delete_account(user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        logout(self.request)
        messages.success(
            self.request, _("Your account was deleted. Thank you for the time you gave.")
        )
        return redirect("home")
