from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email_message(
    *, subject: str, body: str, to: list[str], attachments: list[list[str]] | None = None
) -> None:
    """Sends one email; attachments are [filename, text content, MIME type]."""
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
