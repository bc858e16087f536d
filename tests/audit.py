"""Reading the audit log in tests."""

from campaign.audit import entries_for


def logged(target) -> list[tuple[str, object, str]]:
    """The record's log, oldest first, as (action, actor, reason)."""
    return [(e.action, e.actor, e.reason) for e in reversed(list(entries_for(target)))]
