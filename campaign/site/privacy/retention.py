"""The retention rules in words, each with its period read from the settings, for the
privacy page and the person's own data page: the page states what the scheduler does."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Period:
    setting: str
    days: int
    text: str


# Each rule is translated when read, with the plural form its number of days needs.
def _rules() -> list[tuple[str, str]]:
    return [
        (
            "PRINT_ORDER_ADDRESS_RETENTION_DAYS",
            ngettext(
                "The contact details and shipping address of an order for printed materials "
                "are erased %(days)d day after it was shipped or refused.",
                "The contact details and shipping address of an order for printed materials "
                "are erased %(days)d days after it was shipped or refused.",
                settings.PRINT_ORDER_ADDRESS_RETENTION_DAYS,
            ),
        ),
        (
            "UNVERIFIED_ACCOUNT_RETENTION_DAYS",
            ngettext(
                "An account whose email address was never confirmed is removed %(days)d day "
                "after it was created.",
                "An account whose email address was never confirmed is removed %(days)d days "
                "after it was created.",
                settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS,
            ),
        ),
        (
            "INVITATION_RETENTION_DAYS",
            ngettext(
                "An invitation to join an organization that nobody accepted is removed "
                "%(days)d day after it expired or was withdrawn.",
                "An invitation to join an organization that nobody accepted is removed "
                "%(days)d days after it expired or was withdrawn.",
                settings.INVITATION_RETENTION_DAYS,
            ),
        ),
        (
            "LOG_RETENTION_DAYS",
            ngettext(
                "Messages sent through the contact form and records of emails that could not "
                "be delivered are deleted, and the names in the activity log erased, "
                "%(days)d day after they were written.",
                "Messages sent through the contact form and records of emails that could not "
                "be delivered are deleted, and the names in the activity log erased, "
                "%(days)d days after they were written.",
                settings.LOG_RETENTION_DAYS,
            ),
        ),
        (
            "TASKS_RETENTION_DAYS",
            ngettext(
                "Queued emails (which hold the recipient's address) are deleted %(days)d day "
                "after they were sent.",
                "Queued emails (which hold the recipient's address) are deleted %(days)d days "
                "after they were sent.",
                settings.TASKS_RETENTION_DAYS,
            ),
        ),
    ]


def periods() -> list[Period]:
    """Each retention rule with its period from the settings, in the page's language."""
    return [
        Period(setting, getattr(settings, setting), text % {"days": getattr(settings, setting)})
        for setting, text in _rules()
    ]
