"""How long personal data is kept (the retention rules the scheduler runs, and the privacy
page states): each period in days, from the environment. `campaign.settings` imports them;
they sit here because the settings module is kept to one screenful of sections."""

from campaign.env import env_int

__all__ = [
    "INVITATION_RETENTION_DAYS",
    "LOG_RETENTION_DAYS",
    "PRINT_ORDER_ADDRESS_RETENTION_DAYS",
    "UNVERIFIED_ACCOUNT_RETENTION_DAYS",
]

# A print order's contact and shipping address are erased this long after it was shipped
# (or refused).
PRINT_ORDER_ADDRESS_RETENTION_DAYS = env_int("PRINT_ORDER_ADDRESS_RETENTION_DAYS", 90)
# An account whose email address was never confirmed is removed this long after sign-up.
UNVERIFIED_ACCOUNT_RETENTION_DAYS = env_int("UNVERIFIED_ACCOUNT_RETENTION_DAYS", 30)
# An invitation nobody accepted is removed this long after it expired or was revoked.
INVITATION_RETENTION_DAYS = env_int("INVITATION_RETENTION_DAYS", 30)
# Contact messages and failed-email records are deleted, and the audit log's names and
# labels blanked, this long after they were written.
LOG_RETENTION_DAYS = env_int("LOG_RETENTION_DAYS", 365)
