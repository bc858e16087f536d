"""Who calls the API: the bearer of a standing token, never a signed-in session."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer

from partners import access, queries
from partners.api_tokens import ApiToken

UNAUTHORIZED = "The token is missing, unknown, expired or revoked."


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the token's organization is what the call may read."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = queries.token_for_secret(token)
        if found is None or not access.token_stands(found):
            return None
        return found


def unauthorized(request: HttpRequest, error: Exception) -> HttpResponse:
    """The JSON answer to a call without a standing token."""
    response = JsonResponse({"detail": UNAUTHORIZED}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response
