import logging

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.shortcuts import redirect

from campaign.access import can_use_admin

security_log = logging.getLogger("campaign.security")


class ValidInitialDataMixin:
    """Leaves out an add page's initial value (from its query string) for a relation when it
    is not a valid key: the autocomplete widget looks such values up and the page failed."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.many_to_one or field.one_to_one or field.many_to_many):
                continue
            try:
                for key in value if isinstance(value, list) else [value]:
                    field.target_field.to_python(key)
            except ValidationError:
                del initial[name]
        return initial


class PortalAdminSite(admin.AdminSite):
    """The admin, reached only by staff who signed in through allauth with MFA turned on."""

    @property
    def site_header(self) -> str:
        return f"{settings.SITE_NAME} administration"

    @property
    def site_title(self) -> str:
        return settings.SITE_NAME

    index_title = "Campaign administration"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, the portal's and the installed apps', gets ValidInitialDataMixin."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ValidInitialDataMixin):
            admin_class = type(admin_class.__name__, (ValidInitialDataMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request) -> bool:
        return can_use_admin(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and not can_use_admin(user):
            security_log.warning(
                "admin refused: staff user id=%s has no MFA path=%s", user.pk, request.path
            )
            messages.warning(
                request,
                "Turn on two-factor authentication with an authenticator app "
                "before you use the administration pages.",
            )
            return redirect("mfa_index")
        # allauth's log-in (rate limits, MFA) replaces the admin's own form.
        return secure_admin_login(super().login)(request, extra_context)
