"""The confirmation that deletes an account: the person types their password again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.models import User


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("Type your password again to confirm that you are deleting your account."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password
