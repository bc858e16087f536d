import logging
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from campaign import page_cache

security_log = logging.getLogger("campaign.security")

SESSION_STARTED_KEY = "portal_signed_in_at"
SESSION_RENEWED_KEY = "portal_session_renewed_at"


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "-")


# No address, query or field name ever needs a C0 control character or DEL; a form
# value may hold tabs and line breaks (a shipping address). PostgreSQL refuses NUL outright.
NEVER_IN_NAMES = re.compile(r"[\x00-\x1f\x7f]")
NEVER_IN_VALUES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The portal takes no JSON bodies; other bodies reach no query.
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def has_control_characters(request) -> bool:
    """Whether the path, the query string or a form's field names or values hold a control
    character that no person types."""
    if NEVER_IN_NAMES.search(request.path):
        return True
    for key, values in request.GET.lists():
        if NEVER_IN_NAMES.search(key) or any(NEVER_IN_NAMES.search(v) for v in values):
            return True
    # Parsing the form here costs nothing extra: CSRF checking parses it next anyway.
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        for key, values in request.POST.lists():
            if NEVER_IN_NAMES.search(key) or any(NEVER_IN_VALUES.search(v) for v in values):
                return True
        # Django already strips non-printable characters from uploaded file names.
        if any(NEVER_IN_NAMES.search(key) for key in request.FILES):
            return True
    return False


class ControlCharactersMiddleware:
    """Answers 400 to a request whose path, query string or form holds a control character,
    before anything reaches a query (PostgreSQL refuses NUL and would answer 500).

    Cookies holding one are dropped instead, so a planted cookie cannot lock a browser out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if NEVER_IN_NAMES.search(name + value):
                del request.COOKIES[name]
        if has_control_characters(request):
            security_log.warning(
                "request refused: control characters ip=%s method=%s path=%r",
                client_ip(request),
                request.method,
                request.path,
            )
            return HttpResponseBadRequest(
                "Bad request: the address or the form holds characters that are not allowed.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Signs a person out once SESSION_ABSOLUTE_LIFETIME has passed since they signed in,
    and renews the idle timeout.

    The session (its row and its cookie, which expire SESSION_COOKIE_AGE after they were
    last saved) is renewed when SESSION_RENEW_SECONDS have passed since it last was, not on
    every request: most signed-in requests then write nothing, and the idle timeout is
    SESSION_COOKIE_AGE less at most that much.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.get(SESSION_STARTED_KEY)
            lifetime = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            if started is None or now - started > lifetime:
                security_log.info("session ended at its lifetime user id=%s", request.user.pk)
                logout(request)
                messages.info(request, "Your session has ended. Please sign in again.")
                return redirect_to_login(request.get_full_path())
            renewed = request.session.get(SESSION_RENEWED_KEY, started)
            if now - renewed >= settings.SESSION_RENEW_SECONDS:
                request.session[SESSION_RENEWED_KEY] = now  # saved, with a new cookie
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


class BreachSafeCompressionMiddleware(GZipMiddleware):
    """Compresses, with brotli or gzip as the client accepts, only responses that carry no
    secret an attacker could guess byte by byte through the compressed size (BREACH): not
    a page that used the CSRF token (a form), not one that sets a cookie, not a signed-in
    person's page. Public pages (most of the traffic) still shrink several times."""

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (
            request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or response.cookies
            or (user is not None and user.is_authenticated)
        ):
            return response
        if (
            page_cache.encoding_for(request) != "br"
            or response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < page_cache.SMALLEST_COMPRESSED
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        response.content = page_cache.compress(response.content, "br")
        response["Content-Length"] = str(len(response.content))
        # As GZipMiddleware does: the compressed body is the same page, not the same bytes.
        if (etag := response.get("ETag")) and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        response["Content-Encoding"] = "br"
        return response
