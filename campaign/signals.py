"""Audit log of log-ins and failed log-ins (UTC, see campaign.logging)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from campaign.middleware import SESSION_STARTED_KEY, client_ip

security_log = logging.getLogger("campaign.security")


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = timezone.now().timestamp()
    security_log.info(
        "login succeeded user id=%s ip=%s", user.pk, client_ip(request) if request else "-"
    )


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs) -> None:
    # Only the address tried: Django has already masked the password.
    tried = credentials.get("email") or credentials.get("username") or "-"
    security_log.warning(
        "login failed email=%s ip=%s", tried, client_ip(request) if request else "-"
    )


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs) -> None:
    security_log.info("logout user id=%s", getattr(user, "pk", "-"))
