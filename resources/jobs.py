"""The materials library's scheduled jobs, run by `run_scheduled_jobs` (campaign.scheduler)."""

from campaign.scheduler import register_job
from resources.services import erase_old_order_addresses


@register_job("print-order-address-retention")
def print_order_address_retention() -> str:
    return f"{erase_old_order_addresses()} order address(es) erased."
