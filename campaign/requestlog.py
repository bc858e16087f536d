"""One log line per request, with a request id that follows the request into its tasks.

The id comes from the proxy's X-Request-ID when it is well formed, else it is made here; it
lives in a context variable that a logging filter adds to every record, and
`send_portal_mail` passes it on to the email task, which sets it again in the worker.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar, copy_context

from django.db import transaction

request_id_context: ContextVar[str | None] = ContextVar("request_id", default=None)

access_log = logging.getLogger("campaign.requests")

# What a proxy may send as a request id: short and plain, never something to inject.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return request_id_context.get() or ""


def on_commit_in_this_request(work: Callable[[], object]) -> None:
    """`transaction.on_commit(work)`, with `work` run in this request's context, so that
    what it queues still carries the request id when the commit comes after the request."""
    context = copy_context()
    transaction.on_commit(lambda: context.run(work))


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or "-") on every log record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_context.get() or "-"
        return True


class RequestLogMiddleware:
    """Logs method, path, status, duration and the user's id (never an email address) once
    per request and answers with the request id in X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_context.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            response["X-Request-ID"] = request_id
            return response
        finally:
            request_id_context.reset(token)
