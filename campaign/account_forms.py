"""allauth's sign-in and two-factor forms, made accessible. Kept apart from campaign.forms,
which allauth itself imports (the sign-up form): importing allauth's forms there would be
circular."""

from allauth.account.forms import LoginForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm


class PortalLoginForm(LoginForm):
    """allauth's sign-in form without the "Forgot your password?" help text, which sat
    between the email and the password in the tab order; account/login.html shows the link
    after the password instead."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""


class OneTimeCodeMixin:
    """The code field of allauth's two-factor forms: a numeric keyboard on phones, the
    browser's one-time-code autofill, focus on arrival, and empty again after a wrong code
    (so the person types a fresh one instead of editing the old)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        )

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound and "code" in self.errors:
            data = self.data.copy()
            data["code"] = ""
            self.data = data


class PortalAuthenticateForm(OneTimeCodeMixin, AuthenticateForm):
    """The second step of signing in."""


class PortalReauthenticateForm(OneTimeCodeMixin, ReauthenticateForm):
    """Confirming access again with a code."""
