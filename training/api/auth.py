"""Who calls the API: the bearer of a standing token, never a signed-in session, and no
more often than API_RATE."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django_ratelimit.core import get_usage
from ninja.security import HttpBearer

from partners import access, queries
from partners.api_tokens import ApiToken

UNAUTHORIZED = "The token is missing, unknown, expired or revoked."
TOO_MANY = "Too many requests with this token: wait before asking again."


class TooManyRequests(Exception):
    def __init__(self, retry_after: int):
        super().__init__(TOO_MANY)
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the token's organization is what the call may read.

    The rate is counted here, before the parameters are read, so that every request made
    with a token counts, a refused one too."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = queries.token_for_secret(token)
        if found is None or not access.token_stands(found):
            return None
        # Set before a refusal too, so that the 429 is logged against the token.
        request.auth = found
        usage = get_usage(
            request,
            group="training.api",
            key=lambda group, request: str(found.pk),
            rate=settings.API_RATE,
            increment=True,
        )
        if usage and usage["should_limit"]:
            raise TooManyRequests(retry_after=max(1, usage["time_left"]))
        return found


def unauthorized(request: HttpRequest, error: Exception) -> HttpResponse:
    """The JSON answer to a call without a standing token."""
    response = JsonResponse({"detail": UNAUTHORIZED}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def too_many_requests(request: HttpRequest, error: TooManyRequests) -> HttpResponse:
    """The JSON answer once a token has made API_RATE requests in the current window
    (django-ratelimit's counter in the shared cache), with the seconds left in it."""
    response = JsonResponse({"detail": TOO_MANY}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response
