"""What wraps every API view: open without a session, logged against its token, not kept."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

from partners import services
from partners.api_tokens import ApiToken


def served(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The API view, marked open to requests without a session (LoginRequiredMiddleware
    would send them to sign in: a token is the only credential here), each answer to a
    token recorded with its status and row count (`request.api_rows`, set by the
    endpoint), and marked for no cache to keep."""

    @wraps(view)
    def serve(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            services.record_token_use(
                token=token,
                path=request.get_full_path(),
                status=response.status_code,
                rows=getattr(request, "api_rows", 0),
            )
        patch_cache_control(response, private=True, no_store=True)
        return response

    return login_not_required(serve)
