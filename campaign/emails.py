"""Portal email: rendered from templates, sent only once the transaction commits."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    """A link for an email, on the portal's public address (SITE_URL)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def send_portal_mail(*, template: str, to: Iterable[str], context: dict) -> None:
    """Renders `<template>_subject.txt` and `<template>_message.txt` and sends them after
    the current transaction commits (at once outside one). One message per recipient, so
    no one sees another's address."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_message.txt", context)

    def deliver() -> None:
        for address in recipients:
            send_mail(
                f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )

    transaction.on_commit(deliver)
