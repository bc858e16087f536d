"""Partners' scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from campaign.scheduler import register_job
from partners.services import remove_stale_invitations


@register_job("invitation-retention")
def invitation_retention() -> str:
    return f"{remove_stale_invitations()} stale invitation(s) removed."
