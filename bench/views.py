from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    """The baseline: a tiny answer through the full middleware stack, no database, no data."""
    return HttpResponse(b"ok", content_type="text/plain")
