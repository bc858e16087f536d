from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from campaign.csv_import import PeopleFileForm
from campaign.widgets import DateInput
from partners.models import Membership, Organization, PartnerApplication

MAX_INVITATIONS_AT_ONCE = 50
# A file is how a coordinator invites a whole department; still a bound on the emails sent.
MAX_INVITATIONS_FROM_A_FILE = 500


class PartnerApplicationForm(forms.ModelForm):
    class Meta:
        model = PartnerApplication
        fields = [
            "organization_name",
            "acronym",
            "kind",
            "parent",
            "state",
            "country",
            "website",
            "description",
            "applicant_title",
            "phone",
            "reason",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }
        labels = {"organization_name": "Organization name", "parent": "Part of"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organization.objects.filter(
            status=Organization.Status.ACTIVE, listed=True
        )
        self.fields["parent"].empty_label = "Not part of a listed partner"

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise ValidationError("Enter the two-letter country code, for example US.")
        return country


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the coordinator (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your unit or job title, so they can recognize you."),
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One or more addresses, separated by commas, spaces or new lines."),
    )
    role = forms.ChoiceField(
        choices=Membership.Role.choices, initial=Membership.Role.STAFF, widget=forms.RadioSelect
    )

    def clean_emails(self) -> list[str]:
        raw = self.cleaned_data["emails"].replace(",", " ").replace(";", " ").split()
        bad = []
        for address in raw:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(f"These are not email addresses: {', '.join(bad)}.")
        if len(raw) > MAX_INVITATIONS_AT_ONCE:
            raise ValidationError(f"Invite at most {MAX_INVITATIONS_AT_ONCE} people at once.")
        return raw


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class InvitationFileForm(PeopleFileForm):
    file_label = _("CSV file of people to invite")
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.STAFF,
        widget=forms.RadioSelect,
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, for example “HR system nightly import”."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DateInput,
        help_text=_("The token stops working after this day; a year from today at most."),
    )


class WebhookForm(forms.Form):
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("The https address of your system that receives the events."),
        widget=forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
    )
    active = forms.BooleanField(
        label=_("Send events to this address"),
        required=False,
        initial=True,
    )
