"""The seat counts kept on the session row: set by every enrollment write under the
session lock, and checked (and repaired) against the enrollments by a job."""

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from campaign.audit import log_action
from campaign.page_cache import bump_page_version, bump_page_version_after_commit
from training.models import Enrollment, Session

Status = Enrollment.Status


def _recount_seats(session_id: int) -> None:
    """Sets the session row's seat counts to the real counts of its enrollments.

    Called at the end of each write that changes an enrollment's status, with the session
    row locked (so no other write to its enrollments is between the count and the update):
    pages then read the counts from the row instead of counting enrollments per request.
    """
    Session.objects.filter(pk=session_id).update(
        registered_seats=_status_count(Status.REGISTERED),
        waitlist_length=_status_count(Status.WAITLISTED),
    )
    # An update sends no signal; kept pages show the seats. Retired at the commit, not
    # while everyone else enrolling waits on the session lock.
    bump_page_version_after_commit()


def _count_one_more(session: Session, *, registered: int, has_seat: bool) -> None:
    """The seat counts after one new enrollment, when `registered` was counted under the
    session lock just before it: what _recount_seats would set, without counting again
    (the enrollment rush's hot path)."""
    if has_seat:
        changes = {"registered_seats": registered + 1}
    else:
        changes = {"registered_seats": registered, "waitlist_length": F("waitlist_length") + 1}
    Session.objects.filter(pk=session.pk).update(**changes)
    bump_page_version_after_commit()


def _status_count(status: str):
    return Coalesce(
        Subquery(
            Enrollment.objects.filter(session=OuterRef("pk"), status=status)
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def resync_seat_counts() -> int:
    """Sets every session's seat counts to the real counts of its enrollments and returns
    how many sessions were wrong (0 when the services kept them exact).

    A scheduled job and `manage.py check_seat_counts` run it; it repairs writes that went
    around the services (a shell, a raw SQL fix).
    """
    with transaction.atomic():
        wrong = Session.objects.annotate(
            real_registered=_status_count(Status.REGISTERED),
            real_waitlisted=_status_count(Status.WAITLISTED),
        ).filter(
            ~Q(registered_seats=F("real_registered")) | ~Q(waitlist_length=F("real_waitlisted"))
        )
        ids = list(wrong.values_list("pk", flat=True))
        if ids:
            Session.objects.select_for_update().filter(pk__in=ids).order_by("pk").exists()
            Session.objects.filter(pk__in=ids).update(
                registered_seats=_status_count(Status.REGISTERED),
                waitlist_length=_status_count(Status.WAITLISTED),
            )
            bump_page_version()
            log_action(actor=None, action="training.session.resync_seats", data={"sessions": ids})
    return len(ids)
