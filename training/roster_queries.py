"""Reads of the admin's session page: one session's roster, a page of each list at a time,
and where a person may move."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from training.models import Enrollment, Session

Status = Enrollment.Status
# People per list on the session page: the page's size and time stay the same whatever
# the number enrolled.
ROSTER_PAGE_SIZE = 50
# The query-string parameter of each list's page number.
ROSTER_PAGE_PARAMETERS = ("seated", "waiting", "cancelled")


class CountedPaginator(Paginator):
    """A paginator given its count, read beforehand with the other lists' counts in one
    query, so that it asks the database for no count of its own."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


@dataclass
class SessionRoster:
    """One page of each of a session's lists for the admin's session page: seats (whatever
    attendance says) by name, the waitlist in the order it is served (each with
    `.position`), and cancellations."""

    seated: Page
    waiting: Page
    cancelled: Page


def _roster_counts(session: Session) -> dict[str, int]:
    return Enrollment.objects.filter(session=session).aggregate(
        seated=Count("pk", filter=~Q(status__in=[Status.WAITLISTED, Status.CANCELLED])),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
    )


def seated_enrollments(session: Session) -> QuerySet[Enrollment]:
    """Everyone with a seat, whatever attendance says, by name."""
    return (
        Enrollment.objects.filter(session=session)
        .exclude(status__in=[Status.WAITLISTED, Status.CANCELLED])
        .select_related("user", "organization", "enrolled_by")
        .order_by(Lower("user__name"), "user__email", "pk")
    )


def session_roster(session: Session, pages: dict[str, str | None]) -> SessionRoster:
    """The page asked for of each list (`pages`: list name to page number as typed), in
    four queries whatever the number of people."""
    counts = _roster_counts(session)
    in_queue = Enrollment.objects.filter(session=session).select_related(
        "user", "organization", "enrolled_by"
    )
    lists = {
        "seated": seated_enrollments(session),
        "waiting": in_queue.filter(status=Status.WAITLISTED).order_by("queued_at", "pk"),
        "cancelled": in_queue.filter(status=Status.CANCELLED).order_by("queued_at", "pk"),
    }
    roster = SessionRoster(
        **{
            name: CountedPaginator(rows, ROSTER_PAGE_SIZE, count=counts[name]).get_page(
                pages.get(name)
            )
            for name, rows in lists.items()
        }
    )
    # Each page's rows are read once, here; the waitlist's positions follow from its start.
    for page in (roster.seated, roster.waiting, roster.cancelled):
        page.object_list = list(page.object_list)
    for offset, enrollment in enumerate(roster.waiting, start=roster.waiting.start_index()):
        enrollment.position = offset
    return roster


def unattended_seat_ids(session: Session) -> list[int]:
    """The seats not yet marked attended: what "mark everyone attended" marks."""
    return list(
        Enrollment.objects.filter(session=session)
        .exclude(status__in=[Status.WAITLISTED, Status.CANCELLED, Status.ATTENDED])
        .values_list("pk", flat=True)
    )


def sessions_to_move_to(session: Session) -> QuerySet[Session]:
    """The other sessions of the course a person can still be moved into, soonest first."""
    return (
        Session.objects.filter(
            course_id=session.course_id,
            status=Session.Status.SCHEDULED,
            starts_at__gt=timezone.now(),
        )
        .exclude(pk=session.pk)
        .select_related("course")
        .order_by("starts_at", "pk")
    )
