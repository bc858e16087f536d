"""What waits for a campaign admin in training, and the sessions of today and this week.

Four queries: pending training requests (count), sessions short of people (count over the
(status, starts_at) index), and the two lists of sessions (each cut at `AGENDA_LENGTH`).
"""

from datetime import datetime, timedelta

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.dashboard import Item, Section, changelist, contributes, with_status
from training.models import Session, TrainingRequest

# Until sessions carry a minimum enrollment, a session starting within this many days
# with fewer than half its seats taken is the one that needs people.
SHORT_OF_PEOPLE_WITHIN = timedelta(days=14)
AGENDA_LENGTH = 25


def short_of_people(now: datetime):
    """Scheduled sessions starting within 14 days with fewer than half their seats taken."""
    return Session.objects.filter(
        status=Session.Status.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + SHORT_OF_PEOPLE_WITHIN,
        capacity__isnull=False,
        registered_seats__lt=F("capacity") / 2.0,
    )


def _agenda(title: str, start: datetime, end: datetime, empty: str) -> Section:
    sessions = list(
        Session.objects.filter(
            starts_at__gte=start, starts_at__lt=end, status=Session.Status.SCHEDULED
        )
        .select_related("course")
        .order_by("starts_at", "pk")[: AGENDA_LENGTH + 1]
    )
    items = [
        Item(
            label=session.course.title,
            url=reverse("admin:training_session_change", args=[session.pk]),
            detail=_("%(when)s, %(where)s; %(taken)s of %(seats)s seats taken")
            % {
                "when": f"{session.local_start:%a %b %-d, %-I:%M %p %Z}",
                "where": session.location,
                "taken": session.registered_seats,
                "seats": session.capacity or "∞",
            },
        )
        for session in sessions[:AGENDA_LENGTH]
    ]
    if len(sessions) > AGENDA_LENGTH:
        items.append(
            Item(
                label=_("All sessions of this period"),
                url=changelist(
                    Session, starts_at__gte=start.isoformat(), starts_at__lt=end.isoformat()
                ),
            )
        )
    return Section(title=title, items=items, empty=empty, order=10)


def waiting_in_training(now: datetime) -> list[Section]:
    local = timezone.localtime(now)
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = today + timedelta(days=1)
    next_monday = today + timedelta(days=7 - today.weekday())
    return [
        Section(
            title=_("Training"),
            items=[
                with_status(
                    _("Training requests to answer"),
                    TrainingRequest,
                    TrainingRequest.Status.PENDING,
                ),
                Item(
                    label=_("Sessions starting within 14 days that are less than half full"),
                    count=short_of_people(now).count(),
                    url=changelist(Session, needs_people="yes"),
                ),
            ],
            note=_(
                "Sessions have no minimum enrollment yet: until they do, a session that "
                "starts within 14 days with fewer than half its seats taken is counted here."
            ),
        ),
        _agenda(_("Today's sessions"), today, tomorrow, _("No sessions today.")),
        _agenda(
            _("Later this week"),
            tomorrow,
            max(next_monday, tomorrow),
            _("No more sessions this week."),
        ),
    ]


contributes(waiting_in_training)
