import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks_db import DatabaseBackend

from campaign.models import FailedEmail, SentEmail
from campaign.requestlog import request_id_context

logger = logging.getLogger(__name__)

# The wait before each retry of a message (doubling: 1, 2, 4 … minutes), when the task
# backend can run a task later; settings.EMAIL_MAX_ATTEMPTS tries in all.
EMAIL_RETRY_FIRST_DELAY = timedelta(minutes=1)


def uses_task_queue() -> bool:
    """Whether tasks go to django-tasks-db's queue (run by `db_worker`), not run at once."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def retry_delay(attempt: int) -> timedelta:
    """The wait before try `attempt + 1`: exponential backoff from EMAIL_RETRY_FIRST_DELAY."""
    return EMAIL_RETRY_FIRST_DELAY * (2 ** (attempt - 1))


@task()
def send_email_message(
    *,
    subject: str,
    body: str,
    to: list[str],
    attachments: list[list[str]] | None = None,
    kind: str = "",
    idempotency_key: str = "",
    attempt: int = 1,
    request_id: str = "",
) -> None:
    """Sends one email; attachments are [filename, text content, MIME type]; `kind` names
    the template it was made from.

    With an `idempotency_key` a message whose key is already recorded as sent is not sent
    again (a task run again after a worker was killed); the key is recorded right after the
    mail server took the message, so only a kill between the two can send it twice.

    A message that cannot be sent is tried again later with a growing wait when the backend
    can defer tasks (EMAIL_MAX_ATTEMPTS tries in all). Once no try is left (or at once with the
    immediate backend) it is recorded as a FailedEmail per recipient for the admins and
    logged (without the address). Each failed try raises again so the task counts as failed
    (with its error in the admin's task results).
    """
    token = request_id_context.set(request_id or None)
    try:
        fields = {
            "subject": subject,
            "body": body,
            "to": to,
            "attachments": attachments,
            "kind": kind,
            "idempotency_key": idempotency_key,
        }
        _send(fields=fields, attempt=attempt, request_id=request_id)
    finally:
        request_id_context.reset(token)


def _send(*, fields: dict, attempt: int, request_id: str) -> None:
    """Sends the message made of `fields` (the task's own message arguments), and queues
    the same fields again for a later try when it fails."""
    subject, to, kind = fields["subject"], fields["to"], fields["kind"]
    idempotency_key = fields["idempotency_key"]
    if idempotency_key and SentEmail.objects.filter(key=idempotency_key).exists():
        logger.info("Email %r already sent (key %s); not sent again", kind, idempotency_key)
        return
    message = EmailMessage(subject, fields["body"], settings.DEFAULT_FROM_EMAIL, to)
    for filename, content, mimetype in fields["attachments"] or []:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except Exception as error:
        if (
            attempt < settings.EMAIL_MAX_ATTEMPTS
            and send_email_message.get_backend().supports_defer
        ):
            send_email_message.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
                **fields, attempt=attempt + 1, request_id=request_id
            )
            logger.warning(
                "Email %r could not be sent (%s); try %s of %s, tried again in %s",
                kind or subject,
                type(error).__name__,
                attempt,
                settings.EMAIL_MAX_ATTEMPTS,
                retry_delay(attempt),
            )
            raise
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
    if idempotency_key:
        try:
            SentEmail.objects.create(key=idempotency_key)
        except IntegrityError:
            # Another run of the same message finished first; both were sent.
            logger.warning("Email %r sent twice (key %s)", kind, idempotency_key)
    logger.info("Email %r sent", kind or subject)


@task()
def worker_heartbeat() -> str:
    """Does nothing but finish: the scheduler queues one each run, and /readyz takes a
    recently finished task as the sign that a worker is alive."""
    return timezone.now().isoformat()
