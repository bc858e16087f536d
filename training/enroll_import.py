"""Enrolling staff from a CSV file (one column, `email`): what each row would do, read
before anything is written, so a coordinator sees the outcome of every row first."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from campaign.access import AnyUser
from training import queries
from training.models import Enrollment, Session

Status = Enrollment.Status


@dataclass
class ImportRow:
    number: int  # the row's line in the file (the header is line 1)
    email: str
    outcome: str
    membership_id: int | None = None  # set when the row will be enrolled


def preview(user: AnyUser, session: Session, rows: list[dict[str, str]]) -> list[ImportRow]:
    """Each row's outcome, in three queries whatever the number of rows: enrolled (a seat
    or the waitlist, as the seats left go in file order), or why not."""
    emails = {row.get("email", "").lower() for row in rows}
    memberships = {}
    for membership in queries.staff_to_enroll(user).filter(user__email__in=emails):
        memberships.setdefault(membership.user.email.lower(), membership)
    statuses = queries.live_statuses(session, [m.user_id for m in memberships.values()])
    seats = session.seats_left
    seen: set[str] = set()
    result = []
    for number, row in enumerate(rows, start=2):
        email = row.get("email", "")
        key = email.lower()
        membership = memberships.get(key)
        outcome, chosen = "", None
        try:
            validate_email(email)
        except ValidationError:
            outcome = _("Not an email address: skipped.")
        if outcome:
            pass
        elif key in seen:
            outcome = _("Listed twice: enrolled once.")
        elif membership is None:
            outcome = _("Not active staff of your organizations: skipped.")
        elif statuses.get(membership.user_id) == Status.REGISTERED:
            outcome = _("Already registered: skipped.")
        elif statuses.get(membership.user_id) == Status.WAITLISTED:
            outcome = _("Already on the waitlist: skipped.")
        elif seats is None or seats > 0:
            outcome, chosen = _("Will be registered."), membership.pk
            seats = None if seats is None else seats - 1
        else:
            outcome, chosen = _("Will join the waitlist."), membership.pk
        seen.add(key)
        result.append(ImportRow(number, email, outcome, chosen))
    return result
