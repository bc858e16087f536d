"""The worker's side of webhooks: each delivery POSTed, signed, to the organization's
address, and tried again with growing waits while the receiver does not take it."""

import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django_tasks import task

from partners import services
from partners.webhooks import WebhookDelivery, check_webhook_url, signature

logger = logging.getLogger(__name__)

# The wait before each retry (the last repeats), settings.WEBHOOK_MAX_ATTEMPTS tries in all.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]
USER_AGENT = "BlueCampaignPortal-Webhook/1"


def retry_delay(attempt: int) -> timedelta:
    """The wait after try `attempt` before the next."""
    return RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]


class RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a hop: following it could lead past the address check."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(RefuseRedirects)


def post(url: str, *, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """POSTs the body; returns the answer's status code (None when there was none) and an
    error text ("" on a 2xx answer)."""
    try:
        check_webhook_url(url)  # again at sending time: the host may resolve elsewhere now
    except ValidationError as error:
        return None, " ".join(error.messages)
    # check_webhook_url allowed http(s) only.
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with OPENER.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"The receiver answered {error.code}."
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"


def delivery_headers(delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    timestamp = str(int(time.time()))
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Portal-Event": delivery.event,
        "X-Portal-Delivery": str(delivery.event_id),
        "X-Portal-Timestamp": timestamp,
        "X-Portal-Signature": signature(delivery.webhook.secret, timestamp, body),
    }


@task()
def deliver_webhook(*, delivery_id: int, attempt: int = 1) -> str:
    """Sends one delivery (try `attempt`) and records the outcome in the delivery log;
    queues the next try after retry_delay when the receiver did not answer 2xx and tries
    are left (and the backend can run a task later), else marks it failed. A delivery no
    longer waiting (or whose webhook is gone or off) is left be."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return "Nothing to deliver."
    if not delivery.webhook.active:
        services.record_attempt(
            delivery=delivery,
            attempt=delivery.attempts,
            status_code=None,
            error="The webhook is turned off.",
            next_attempt_at=None,
        )
        return "Webhook turned off."
    body = json.dumps(delivery.payload, cls=DjangoJSONEncoder).encode("utf-8")
    status_code, error = post(
        delivery.webhook.url, body=body, headers=delivery_headers(delivery, body)
    )
    delivered = status_code is not None and 200 <= status_code < 300
    next_attempt_at = None
    if (
        not delivered
        and attempt < settings.WEBHOOK_MAX_ATTEMPTS
        and deliver_webhook.get_backend().supports_defer
    ):
        next_attempt_at = timezone.now() + retry_delay(attempt)
    services.record_attempt(
        delivery=delivery,
        attempt=attempt,
        status_code=status_code,
        error=error,
        next_attempt_at=next_attempt_at,
    )
    if delivered:
        return f"Delivered ({status_code})."
    if next_attempt_at is not None:
        deliver_webhook.using(run_after=next_attempt_at).enqueue(
            delivery_id=delivery.pk, attempt=attempt + 1
        )
        logger.warning(
            "Webhook delivery %s failed (%s); try %s of %s, again at %s",
            delivery.event_id,
            error,
            attempt,
            settings.WEBHOOK_MAX_ATTEMPTS,
            next_attempt_at.isoformat(),
        )
        return f"Failed, tried again at {next_attempt_at.isoformat()}."
    logger.error("Webhook delivery %s failed for good (%s)", delivery.event_id, error)
    return "Failed for good."
