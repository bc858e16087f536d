"""Partners' scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from campaign.scheduler import counting_job
from partners import services


def _days_ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


trim_api_token_uses = counting_job(
    "api-token-uses",
    lambda: services.trim_token_uses(before=_days_ago(settings.API_TOKEN_USE_DAYS)),
    "{count} API token use(s) trimmed.",
)
invitation_retention = counting_job(
    "invitation-retention",
    services.remove_stale_invitations,
    "{count} stale invitation(s) removed.",
)
trim_webhook_deliveries = counting_job(
    "webhook-deliveries",
    lambda: services.trim_webhook_deliveries(before=_days_ago(settings.WEBHOOK_DELIVERY_DAYS)),
    "{count} webhook delivery(ies) trimmed.",
)
