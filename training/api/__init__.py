"""The partners' completions API, built with django-ninja (typed parameters and answers,
and the OpenAPI schema made from them). A partner's program reads it with an organization's
token (partners.api_tokens); `urlpatterns()` is what campaign/urls.py wires at /api/v1/."""

from django.urls import URLPattern, path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from training.api.auth import TokenAuth, TooManyRequests, too_many_requests, unauthorized
from training.api.completions import router
from training.api.usage import served

api = NinjaAPI(
    title="Completions API",
    version="1",
    description=(
        "The completions and certificates of a partner organization's people, for the "
        "partner's own systems. Authenticate with a token a coordinator makes on the "
        "organization's API tokens page: `Authorization: Bearer <token>`."
    ),
    urls_namespace="api-v1",
    # The portal's own page documents the API (translated, under the site's CSP); the
    # schema is at openapi.json.
    docs_url=None,
    auth=TokenAuth(),
)
api.add_exception_handler(AuthenticationError, unauthorized)
api.add_exception_handler(TooManyRequests, too_many_requests)
api.add_router("", router)


def urlpatterns() -> tuple[list[URLPattern], str, str]:
    """The API's patterns, each open without a session (a token is the only credential),
    its use logged against its token, its answer never kept by a cache."""
    patterns, app_name, namespace = api.urls
    wrapped = [
        path(str(pattern.pattern), served(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]
    return wrapped, app_name, namespace
