"""A coordinator's webhook: set or change its address, see its secret and the delivery
log, send a test event, make a new secret, remove it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from partners import queries, services
from partners.forms import WebhookForm
from partners.views import ManageOrganizationMixin

PAGE = "partners:manage-webhook"


@method_decorator(never_cache, name="dispatch")
class WebhookView(ManageOrganizationMixin, FormView):
    template_name = "partners/manage/webhook.html"
    form_class = WebhookForm
    page = PAGE

    def dispatch(self, request, *args, **kwargs):
        self.webhook = None
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        self.webhook = queries.webhook_of(self.organization)
        if self.webhook is None:
            return {"active": True}
        return {"url": self.webhook.url, "active": self.webhook.active}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deliveries = queries.recent_deliveries(self.webhook) if self.webhook else []
        context.update(
            webhook=self.webhook,
            deliveries=deliveries,
            shown_deliveries=queries.SHOWN_DELIVERIES,
            tab="webhook",
        )
        return context

    def form_valid(self, form):
        try:
            services.set_webhook(
                organization=self.organization,
                url=form.cleaned_data["url"],
                active=form.cleaned_data["active"],
                changed_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("url", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The webhook was saved."))
        return self.manage_redirect()


class WebhookActionView(ManageOrganizationMixin, View):
    """A POST about the organization's webhook (404 when it has none): `act(webhook)`."""

    page = PAGE

    def post(self, request, slug):
        webhook = queries.webhook_of(self.organization)
        if webhook is None:
            raise Http404
        return self.act(webhook)

    def act(self, webhook):
        raise NotImplementedError


class WebhookTestView(WebhookActionView):
    def act(self, webhook):
        return self.run_service(
            lambda: services.send_test_event(webhook=webhook, sent_by=self.request.user),
            success=_("A test event was sent: its outcome shows in the delivery log."),
        )


class WebhookSecretView(WebhookActionView):
    def act(self, webhook):
        return self.confirm_then_run(
            lambda: services.new_webhook_secret_for(webhook=webhook, changed_by=self.request.user),
            title=_("Make a new webhook secret?"),
            question=_(
                "Deliveries from now on are signed with the new secret: your receiver "
                "must check them with it."
            ),
            button=_("Make a new secret"),
            success=_("The webhook has a new secret."),
        )


class WebhookRemoveView(WebhookActionView):
    def act(self, webhook):
        return self.confirm_then_run(
            lambda: services.remove_webhook(webhook=webhook, removed_by=self.request.user),
            title=_("Remove the webhook?"),
            question=_("No more events will be sent to %(url)s, and its delivery log is deleted.")
            % {"url": webhook.url},
            button=_("Remove"),
            success=_("The webhook was removed."),
        )
