import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from campaign.models import FailedEmail

logger = logging.getLogger(__name__)


@task()
def send_email_message(
    *,
    subject: str,
    body: str,
    to: list[str],
    attachments: list[list[str]] | None = None,
    kind: str = "",
) -> None:
    """Sends one email; attachments are [filename, text content, MIME type]; `kind` names
    the template it was made from.

    A message that cannot be sent is recorded as a FailedEmail per recipient for the admins
    and logged (without the address), then the error is raised again so the task counts as
    failed.
    """
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except Exception as error:
        failures = FailedEmail.objects.bulk_create(
            FailedEmail(
                kind=kind[:120],
                recipient=address,
                subject=subject[:300],
                error=f"{type(error).__name__}: {error}"[:2000],
            )
            for address in to
        )
        logger.error(
            "Email %r could not be sent (%s); recorded as failed email %s",
            kind or subject,
            type(error).__name__,
            ", ".join(str(failure.pk) for failure in failures),
        )
        raise
