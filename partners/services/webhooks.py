"""Webhooks: set, changed, tested and removed by a coordinator; events queued for delivery
after commit and each delivery's outcome recorded (partners.webhook_tasks posts them)."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.models import User
from partners import access
from partners.models import Organization
from partners.webhooks import Webhook, WebhookDelivery, check_webhook_url, new_webhook_secret

TEST_EVENT = "webhook.test"


def _check_manager(user: User, organization: Organization) -> None:
    if not access.can_manage(user, organization):
        raise ValidationError(_("Only the organization's coordinators can manage its webhook."))


def set_webhook(
    *, organization: Organization, url: str, active: bool, changed_by: User
) -> Webhook:
    """Sets the organization's webhook address (making the webhook, with a new secret, the
    first time) and whether events are sent to it. The address must pass
    check_webhook_url; only a manager of an active organization may set it."""
    _check_manager(changed_by, organization)
    if organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Only an active partner can have a webhook."))
    url = check_webhook_url(url)
    with transaction.atomic():
        webhook = Webhook.objects.select_for_update().filter(organization=organization).first()
        made = webhook is None
        if made:
            webhook = Webhook(
                organization=organization, secret=new_webhook_secret(), created_by=changed_by
            )
        webhook.url = url
        webhook.active = active
        webhook.changed_at = timezone.now()
        webhook.save()
        log_action(
            actor=changed_by,
            action="partners.webhook.create" if made else "partners.webhook.change",
            target=webhook,
            data={"organization": organization.pk, "url": url, "active": active},
        )
    return webhook


def _locked(webhook: Webhook, user: User) -> Webhook:
    """The webhook locked and re-read, once the user is known to manage its organization."""
    webhook = Webhook.objects.select_for_update().select_related("organization").get(pk=webhook.pk)
    _check_manager(user, webhook.organization)
    return webhook


def new_webhook_secret_for(*, webhook: Webhook, changed_by: User) -> Webhook:
    """Replaces the webhook's secret: deliveries from now on are signed with the new one."""
    with transaction.atomic():
        webhook = _locked(webhook, changed_by)
        webhook.secret = new_webhook_secret()
        webhook.changed_at = timezone.now()
        webhook.save(update_fields=["secret", "changed_at"])
        log_action(actor=changed_by, action="partners.webhook.new_secret", target=webhook)
    return webhook


def remove_webhook(*, webhook: Webhook, removed_by: User) -> None:
    """Deletes the webhook and its delivery log; nothing more is sent to it."""
    with transaction.atomic():
        webhook = _locked(webhook, removed_by)
        log_action(
            actor=removed_by,
            action="partners.webhook.remove",
            target=webhook.organization,
            data={"url": webhook.url},
        )
        webhook.delete()


def queue_event(*, webhook: Webhook, event: str, data: dict) -> WebhookDelivery:
    """Records an event for the webhook and hands it to the worker once the transaction
    commits. The body is {"id", "type", "occurred_at", **data}."""
    from partners.webhook_tasks import deliver_webhook

    event_id = uuid.uuid4()
    payload = {
        "id": str(event_id),
        "type": event,
        "occurred_at": timezone.now().isoformat(),
        **data,
    }
    delivery = WebhookDelivery.objects.create(
        webhook=webhook, event_id=event_id, event=event, payload=payload
    )
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id=delivery.pk, attempt=1))
    return delivery


def send_test_event(*, webhook: Webhook, sent_by: User) -> WebhookDelivery:
    """Queues a `webhook.test` event naming the organization, to check the receiver."""
    with transaction.atomic():
        webhook = Webhook.objects.select_related("organization").get(pk=webhook.pk)
        _check_manager(sent_by, webhook.organization)
        delivery = queue_event(
            webhook=webhook,
            event=TEST_EVENT,
            data={"organization": webhook.organization.name},
        )
        log_action(
            actor=sent_by,
            action="partners.webhook.test",
            target=webhook,
            data={"event_id": str(delivery.event_id)},
        )
    return delivery


def record_attempt(
    *,
    delivery: WebhookDelivery,
    attempt: int,
    status_code: int | None,
    error: str,
    next_attempt_at: datetime | None,
) -> WebhookDelivery:
    """Records how a try went: delivered on a 2xx answer, else waiting for
    `next_attempt_at`, or failed when no try is left (no `next_attempt_at`)."""
    now = timezone.now()
    delivery.attempts = attempt
    delivery.status_code = status_code
    delivery.error = error[:500]
    delivery.last_attempt_at = now
    delivery.next_attempt_at = next_attempt_at
    if status_code is not None and 200 <= status_code < 300:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.finished_at = now
        delivery.next_attempt_at = None
    elif next_attempt_at is None:
        delivery.state = WebhookDelivery.State.FAILED
        delivery.finished_at = now
    else:
        delivery.state = WebhookDelivery.State.PENDING
    delivery.save()
    return delivery


def trim_webhook_deliveries(*, before: datetime) -> int:
    """Deletes the deliveries made before `before`; returns how many went."""
    deleted, _by_model = WebhookDelivery.objects.filter(created_at__lt=before).delete()
    return deleted
