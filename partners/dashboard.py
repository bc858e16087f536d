"""What waits for a campaign admin in partners: applications to decide and join requests
that coordinators have left waiting. Two queries, each a count over indexed rows."""

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.dashboard import Item, Section, changelist, contributes, with_status
from partners.models import Membership, PartnerApplication

# A join request older than this has waited too long for its coordinators.
JOIN_REQUEST_WAIT = timedelta(days=3)


def waiting_in_partners(now: datetime) -> list[Section]:
    cutoff = now - JOIN_REQUEST_WAIT
    requests = Membership.objects.filter(status=Membership.Status.PENDING).aggregate(
        # Counting the indexed column lets PostgreSQL answer from the partial index alone.
        total=Count("requested_at"),
        stale=Count("requested_at", filter=Q(requested_at__lt=cutoff)),
    )
    return [
        Section(
            title=_("Partners"),
            items=[
                with_status(
                    _("Partner applications to decide"),
                    PartnerApplication,
                    PartnerApplication.Status.SUBMITTED,
                ),
                Item(
                    label=ngettext(
                        "Join requests waiting more than %(days)d day",
                        "Join requests waiting more than %(days)d days",
                        JOIN_REQUEST_WAIT.days,
                    )
                    % {"days": JOIN_REQUEST_WAIT.days},
                    count=requests["stale"],
                    url=changelist(
                        Membership, status__exact="pending", requested_at__lt=cutoff.isoformat()
                    ),
                    detail=_("%(total)d waiting in all") % {"total": requests["total"]},
                ),
            ],
        )
    ]


contributes(waiting_in_partners)
