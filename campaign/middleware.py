import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

security_log = logging.getLogger("campaign.security")

SESSION_STARTED_KEY = "portal_signed_in_at"


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "-")


class SessionLifetimeMiddleware:
    """Signs a person out once SESSION_ABSOLUTE_LIFETIME has passed since they signed in.

    The idle timeout needs no code: the cookie expires SESSION_COOKIE_AGE after the last
    request, because SESSION_SAVE_EVERY_REQUEST renews it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            lifetime = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            if started is None or timezone.now().timestamp() - started > lifetime:
                security_log.info("session ended at its lifetime user id=%s", request.user.pk)
                logout(request)
                messages.info(request, "Your session has ended. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class RefusedAccessLogMiddleware:
    """Logs every refused request (403), whatever refused it: a view, CSRF or the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            security_log.warning(
                "access refused status=403 user id=%s ip=%s method=%s path=%s",
                user.pk if user is not None and user.is_authenticated else "anonymous",
                client_ip(request),
                request.method,
                request.path,
            )
        return response
