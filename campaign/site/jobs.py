"""The site pages' scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from campaign.scheduler import register_job
from campaign.site.impact import FIGURES_CACHE_KEY, refresh_impact_figures
from campaign.site.privacy.services import remove_unverified_accounts

# Recomputing the figures takes seconds at a national campaign's scale, so the job keeps them
# fresh well inside their cache lifetime without recomputing every minute.
IMPACT_REFRESH_AFTER = timedelta(minutes=10)


@register_job("impact-figures")
def impact_figures() -> str:
    stored = cache.get(FIGURES_CACHE_KEY)
    if stored is not None and timezone.now() - stored.computed_at < IMPACT_REFRESH_AFTER:
        return "Impact figures are fresh."
    refresh_impact_figures()
    return "Impact figures refreshed."


@register_job("unverified-account-retention")
def unverified_account_retention() -> str:
    return f"{remove_unverified_accounts()} unconfirmed account(s) removed."
