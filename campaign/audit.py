"""The audit trail: one call, `log_action`, that every service makes for each change.

Like pretix's `log_action`: the entry is written in the caller's transaction, so it exists
exactly when the change does.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from campaign.access import AnyUser
from campaign.models import AuditEntry


def log_action(
    *,
    actor: AnyUser | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that `actor` did `action` (a dotted code such as `training.session.cancel`)
    to `target`, with the reason where one was asked. `actor` None or anonymous means the
    system (a scheduled job, the worker)."""
    person = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=person,
        actor_label=person.get_username() if person is not None else "",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        reason=reason,
        data=data or {},
    )


def entries_for(target: models.Model) -> models.QuerySet[AuditEntry]:
    """The log of one record, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
