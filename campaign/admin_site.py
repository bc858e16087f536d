import logging

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect

from campaign.access import can_use_admin

security_log = logging.getLogger("campaign.security")


class PortalAdminSite(admin.AdminSite):
    """The admin, reached only by staff who signed in through allauth with MFA turned on."""

    @property
    def site_header(self) -> str:
        return f"{settings.SITE_NAME} administration"

    @property
    def site_title(self) -> str:
        return settings.SITE_NAME

    index_title = "Campaign administration"

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
