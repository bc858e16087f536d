"""A decision taken on a locked row (approve, decline, reject, end): the one way it is
saved, logged and told, so every app records its decisions alike."""

from django.db import models

from campaign.access import AnyUser
from campaign.audit import log_action
from campaign.emails import send_portal_mail


def record_decision(
    record: models.Model,
    *,
    decided_by: AnyUser | None,
    action: str,
    template: str,
    to: list[str],
    context: dict,
    reason: str = "",
    data: dict | None = None,
    **fields,
) -> None:
    """Sets `fields` (the new status among them) and `decided_by` on `record`, saves just
    those columns, logs `action` with the reason and data, and emails `to` with `template`
    once the transaction commits. The caller holds the row lock, inside its transaction."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.decided_by = decided_by
    record.save(update_fields=[*fields, "decided_by"])
    log_action(actor=decided_by, action=action, target=record, reason=reason, data=data)
    send_portal_mail(template=template, to=to, context=context)
