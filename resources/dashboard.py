"""What waits for a campaign admin in resources: print orders by status (one query over
the (status, submitted_at) index)."""

from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from campaign.dashboard import Item, Section, changelist, contributes
from resources.models import MaterialOrder

Status = MaterialOrder.Status


def waiting_in_resources(now: datetime) -> list[Section]:
    open_statuses = [Status.SUBMITTED, Status.APPROVED]
    counts = MaterialOrder.objects.filter(status__in=open_statuses).aggregate(
        # Counting a column of the (status, submitted_at) index lets PostgreSQL answer
        # from the index alone.
        **{status: Count("status", filter=Q(status=status)) for status in open_statuses}
    )
    labels = {
        Status.SUBMITTED: _("Print orders to approve"),
        Status.APPROVED: _("Approved print orders to ship"),
    }
    return [
        Section(
            title=_("Print orders"),
            items=[
                Item(
                    label=labels[status],
                    count=counts[status],
                    url=changelist(MaterialOrder, status__exact=status),
                )
                for status in open_statuses
            ],
        )
    ]


contributes(waiting_in_resources)
