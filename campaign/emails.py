"""Portal email: rendered from templates, queued as a background task once the
transaction commits."""

import uuid
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

from campaign.requestlog import current_request_id
from campaign.tasks import send_email_message
from campaign.withdrawal import is_withdrawn


def absolute_url(path: str) -> str:
    """A link for an email, on the portal's public address (SITE_URL)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def admin_change_url(record: models.Model) -> str:
    """The absolute link to `record`'s change page in the admin, for a notice to admins."""
    meta = record._meta
    return absolute_url(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    )


def campaign_admin_emails(*, taking_notices: bool = False) -> list[str]:
    """The addresses of the campaign admins (active staff), who answer what the public sends;
    with `taking_notices`, only those who take the notices of new work (User.admin_notices)."""
    admins = get_user_model().objects.filter(is_staff=True, is_active=True)
    if taking_notices:
        admins = admins.filter(admin_notices=True)
    return list(admins.values_list("email", flat=True))


def tell_campaign_admins(
    template: str, *, about: models.Model, context: dict, taking_notices: bool = False
) -> None:
    """Emails the campaign admins about a new record, with a link to it in the admin
    (`admin_url`), once the transaction commits."""
    send_portal_mail(
        template=template,
        to=campaign_admin_emails(taking_notices=taking_notices),
        context={**context, "admin_url": admin_change_url(about)},
    )


def language_of(address: str) -> str:
    """The language a message to this address is written in: the person's stored choice,
    else the language now active (the page's), else the portal's default."""
    stored = (
        get_user_model()
        .objects.filter(email__iexact=address)
        .values_list("language", flat=True)
        .first()
    )
    return stored or translation.get_language() or settings.LANGUAGE_CODE


Attachment = tuple[str, str, str] | Callable[[], tuple[str, str, str]]


def in_language(value, language: str):
    """A link to one of the portal's pages in `language` (/es/...); any other value as is."""
    if isinstance(value, str) and value.startswith(settings.SITE_URL.rstrip("/") + "/"):
        # The path resolves only in its own language (/es/... while Spanish is active).
        path = urlsplit(value).path
        with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
            return translate_url(value, language)
    return value


def _render(template: str, context: dict, attachments: list, language: str) -> tuple:
    """(subject, body, attachments) in the active language, `language`."""
    site_name = translation.gettext(settings.SITE_NAME)
    context = {key: in_language(value, language) for key, value in context.items()}
    context["SITE_NAME"] = site_name
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_message.txt", context)
    prefix = settings.EMAIL_SUBJECT_PREFIX.replace(settings.SITE_NAME, site_name)
    files = [list(item() if callable(item) else item) for item in attachments]
    return prefix + subject, body, files


def send_portal_mail(
    *,
    template: str,
    to: Iterable[str],
    context: dict,
    attachments: list[Attachment] | None = None,
) -> None:
    """Renders `<template>_subject.txt` and `<template>_message.txt` and queues one message
    per recipient (no one sees another's address) after the current transaction commits,
    at once outside one. Each message, its links to the portal and its attachments are in
    the recipient's language. An attachment is (filename, text, MIME type), or a function
    returning one, called in each recipient's language (a calendar file's texts)."""
    # A deleted account's address ends in the reserved .invalid domain: nothing goes there.
    recipients = sorted({address for address in to if address and not is_withdrawn(address)})
    if not recipients:
        return
    context = {"SITE_URL": settings.SITE_URL, **context}
    # Each person reads the message in their own language, whatever page caused it.
    stored = dict(
        get_user_model()
        .objects.filter(email__in=[address.lower() for address in recipients])
        .values_list("email", "language")
    )
    fallback = translation.get_language() or settings.LANGUAGE_CODE
    messages = []
    rendered: dict[str, tuple[str, str, list]] = {}
    for address in recipients:
        language = stored.get(address.lower()) or fallback
        if language not in rendered:
            with translation.override(language):
                rendered[language] = _render(template, context, attachments or [], language)
        messages.append((address, *rendered[language]))

    request_id = current_request_id()

    def queue() -> None:
        for address, subject, body, files in messages:
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
