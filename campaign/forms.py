from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class PortalFormRenderer(TemplatesSetting):
    """Renders every form with the portal's USWDS field and error-summary templates."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up asks besides email and password."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on training rosters and certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["email", "name", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])


class HoneypotForm(forms.Form):
    """Adds a field people never see (hidden by CSS and from screen readers, skipped by
    Tab); bots fill it in. Render it inside `<div class="portal-honeypot" aria-hidden="true">`
    and answer a bot as if its form worked."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
