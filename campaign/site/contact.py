"""The trust pages: about, privacy, accessibility (texts edited in the admin) and the contact
form, which stores each message and emails the campaign admins."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from campaign import services
from campaign.forms import HoneypotForm
from campaign.models import ContactMessage, ContentPage
from campaign.page_texts import per_language_fields
from campaign.public import public
from campaign.site.privacy import retention
from campaign.throttle import RateLimitedPostMixin


def content_page(slug: str) -> ContentPage:
    """The page with this slug as admins wrote it, or its first text when its row is missing
    (a database emptied by tests or restored without it): the footer's links always work."""
    return ContentPage.objects.filter(slug=slug).first() or ContentPage(
        slug=slug, **per_language_fields(slug)
    )


@public
class ContentPageView(TemplateView):
    """A page whose text admins edit: about, privacy, accessibility."""

    template_name = "campaign/content_page.html"
    slug = ""

    def get_context_data(self, **kwargs):
        page = content_page(self.slug)
        return super().get_context_data(page=page, crumbs=[(page.title, None)], **kwargs)


@public
class PrivacyPageView(ContentPageView):
    """The privacy notice as admins wrote it, then the retention rules with the periods the
    portal is set to (read from the settings, so the page cannot drift from what runs)."""

    template_name = "campaign/privacy.html"
    slug = ContentPage.Slug.PRIVACY

    def get_context_data(self, **kwargs):
        return super().get_context_data(retention_periods=retention.periods(), **kwargs)


class ContactForm(HoneypotForm, forms.ModelForm):
    class Meta:
        model = ContactMessage
        fields = ["name", "email", "topic", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Choose a topic")), *ContactMessage.Topic.choices]


@public
class ContactView(RateLimitedPostMixin, FormView):
    """The contact page's text, its reminder that it is not for emergencies, and the form."""

    rate_group = "campaign.contact"
    rate_setting = "CONTACT_RATE"
    rate_message = _("Too many messages from this connection. Try again in an hour.")

    template_name = "campaign/contact.html"
    form_class = ContactForm

    def get_initial(self):
        user = self.request.user
        if user.is_authenticated:
            return {"name": user.get_full_name(), "email": user.email}
        return {}

    def get_context_data(self, **kwargs):
        page = content_page(ContentPage.Slug.CONTACT)
        return super().get_context_data(page=page, crumbs=[(page.title, None)], **kwargs)

    def form_valid(self, form):
        if not form.is_bot():
            try:
                services.receive_contact_message(
                    sender=self.request.user,
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                    **{name: form.cleaned_data[name] for name in ContactForm.Meta.fields},
                )
            except ValidationError as error:
                form.add_error(None, error)
                return self.form_invalid(form)
        # A bot is answered as if it worked, so it learns nothing.
        messages.success(
            self.request,
            _("Thank you. Your message was sent; the campaign team answers on working days."),
        )
        return redirect("contact")
