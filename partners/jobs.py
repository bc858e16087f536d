"""Partners' scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from campaign.scheduler import register_job
from partners import services


@register_job("api-token-uses")
def trim_api_token_uses() -> str:
    before = timezone.now() - timedelta(days=settings.API_TOKEN_USE_DAYS)
    return f"{services.trim_token_uses(before=before)} API token use(s) trimmed."


@register_job("invitation-retention")
def invitation_retention() -> str:
    return f"{services.remove_stale_invitations()} stale invitation(s) removed."


@register_job("webhook-deliveries")
def trim_webhook_deliveries() -> str:
    before = timezone.now() - timedelta(days=settings.WEBHOOK_DELIVERY_DAYS)
    return f"{services.trim_webhook_deliveries(before=before)} webhook delivery(ies) trimmed."
