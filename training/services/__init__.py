"""Training's writes, one module per area; callers use them as `services.<name>`.

Every write that changes several rows or guards a limit is here, in a transaction, with the
row that guards the limit locked (see each module's docstring for which).
"""

from training.services.attendance import (
    check_in,
    check_in_by_code,
    issue_due_certificates,
    mark_attendance,
)
from training.services.certificates import existing_certificate, revoke_certificate
from training.services.enrollment import (
    ALREADY_ENROLLED,
    GIVE_BACK_GONE,
    BulkOutcome,
    cancel_enrollment,
    enroll,
    enroll_staff,
    enrollment_from_give_back_token,
    fill_open_seats,
    give_back_url,
    registered_count,
    send_due_reminders,
    waitlist_position,
)
from training.services.evaluations import (
    ALREADY_EVALUATED,
    invite_to_evaluate,
    submit_evaluation,
)
from training.services.expiry import send_expiry_reminders
from training.services.feeds import calendar_feed_of, reset_calendar_feed
from training.services.on_demand import KnowledgeCheckResult, submit_knowledge_check
from training.services.requests import (
    accept_training_request,
    decline_training_request,
    submit_training_request,
)
from training.services.roster import (
    add_person,
    mark_roster_attendance,
    move_enrollment,
    promote_waitlisted,
    reorder_waitlist,
)
from training.services.seat_counts import resync_seat_counts
from training.services.sessions import (
    cancel_session,
    cancel_underfilled_sessions,
    duplicate_session,
    email_enrolled,
    next_session_of,
)

__all__ = [
    "ALREADY_ENROLLED",
    "ALREADY_EVALUATED",
    "GIVE_BACK_GONE",
    "BulkOutcome",
    "KnowledgeCheckResult",
    "accept_training_request",
    "add_person",
    "calendar_feed_of",
    "cancel_enrollment",
    "cancel_session",
    "cancel_underfilled_sessions",
    "check_in",
    "check_in_by_code",
    "decline_training_request",
    "duplicate_session",
    "email_enrolled",
    "enroll",
    "enroll_staff",
    "enrollment_from_give_back_token",
    "existing_certificate",
    "fill_open_seats",
    "give_back_url",
    "invite_to_evaluate",
    "issue_due_certificates",
    "mark_attendance",
    "mark_roster_attendance",
    "move_enrollment",
    "next_session_of",
    "promote_waitlisted",
    "registered_count",
    "reorder_waitlist",
    "reset_calendar_feed",
    "resync_seat_counts",
    "revoke_certificate",
    "send_due_reminders",
    "send_expiry_reminders",
    "submit_evaluation",
    "submit_knowledge_check",
    "submit_training_request",
    "waitlist_position",
]
