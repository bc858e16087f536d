"""The admin's first page: what waits for someone, and the sessions of today and this week.

The kernel knows no app, so each app contributes its sections: a function registered with
`contributes` that returns `Section`s, each in a fixed number of queries (counts over
indexed columns). `PortalAdminSite.index` shows them above the list of models.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone


@dataclass
class Item:
    """One line of a section: a label, a count (None for a line that is not a count) and
    the admin page that lists what it counts."""

    label: str
    url: str
    count: int | None = None
    detail: str = ""


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    note: str = ""
    empty: str = ""
    # Sections are shown in this order: what waits first (0), then the agenda (10).
    order: int = 0


def changelist(model: type[Model], **filters: str) -> str:
    """The admin's list of `model`, filtered with the changelist's own lookups
    (`status__exact="pending"`), for an item's link."""
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def with_status(label: str, model: type[Model], status: str) -> Item:
    """The item that counts the rows of `model` in `status` (one count over an indexed
    column) and links to their list."""
    return Item(
        label=label,
        count=model.objects.filter(status=status).count(),
        url=changelist(model, status__exact=status),
    )


Contribution = Callable[[datetime], list[Section]]
_contributions: list[Contribution] = []


def contributes(function: Contribution) -> Contribution:
    """Registers `function(now)` as a source of dashboard sections (once per function)."""
    if function not in _contributions:
        _contributions.append(function)
    return function


def sections(now: datetime | None = None) -> list[Section]:
    """Every registered app's sections, in their order."""
    now = now or timezone.now()
    found = [section for function in _contributions for section in function(now)]
    return sorted(found, key=lambda section: section.order)


def failed_emails(now: datetime) -> list[Section]:
    """Email the mail server did not take (admins delete each once handled): one count."""
    from django.utils.translation import gettext as _

    from campaign.models import FailedEmail

    return [
        Section(
            title=_("Email"),
            items=[
                Item(
                    label=_("Failed emails to follow up"),
                    count=FailedEmail.objects.count(),
                    url=changelist(FailedEmail),
                )
            ],
            order=5,
        )
    ]


contributes(failed_emails)
