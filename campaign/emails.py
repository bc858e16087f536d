"""Portal email: rendered from templates, queued as a background task once the
transaction commits."""

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from campaign.requestlog import current_request_id
from campaign.tasks import send_email_message


def absolute_url(path: str) -> str:
    """A link for an email, on the portal's public address (SITE_URL)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def send_portal_mail(
    *,
    template: str,
    to: Iterable[str],
    context: dict,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Renders `<template>_subject.txt` and `<template>_message.txt` and queues one message
    per recipient (no one sees another's address) after the current transaction commits,
    at once outside one. Attachments are (filename, text, MIME type)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = (
        settings.EMAIL_SUBJECT_PREFIX
        + render_to_string(f"{template}_subject.txt", context).strip()
    )
    body = render_to_string(f"{template}_message.txt", context)
    files = [list(attachment) for attachment in attachments or []]
    request_id = current_request_id()

    def queue() -> None:
        for address in recipients:
            # The key lets the task skip a message already sent when it runs again.
            send_email_message.enqueue(
                subject=subject,
                body=body,
                to=[address],
                attachments=files,
                kind=template,
                idempotency_key=uuid.uuid4().hex,
                request_id=request_id,
            )

    transaction.on_commit(queue)
