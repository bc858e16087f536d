"""The kernel's scheduled jobs: the worker heartbeat, tasks of killed workers, clean-ups."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from campaign.models import SentEmail
from campaign.scheduler import register_job
from campaign.services import trim_personal_logs
from campaign.tasks import uses_task_queue, worker_heartbeat


@register_job("worker-heartbeat")
def queue_worker_heartbeat() -> str:
    """Queues a task that does nothing, so /readyz sees a worker finishing tasks."""
    if not uses_task_queue():
        return "no queue"
    worker_heartbeat.enqueue()
    return "queued"


@register_job("requeue-stalled-tasks")
def requeue_stalled_tasks() -> str:
    """A task still marked running TASKS_STALLED_SECONDS after it started belonged to a
    worker that was killed: it is made ready again, so it runs at least once (the email
    task skips a message already sent)."""
    from django_tasks_db.models import DBTaskResult, TaskResultStatus

    stalled_before = timezone.now() - timedelta(seconds=settings.TASKS_STALLED_SECONDS)
    count = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=stalled_before
    ).update(status=TaskResultStatus.READY, started_at=None)
    return f"{count} requeued"


@register_job("prune-task-results")
def prune_task_results() -> str:
    """Data retention: finished tasks (their arguments hold addresses) and the keys of sent
    emails are deleted after TASKS_RETENTION_DAYS."""
    from django_tasks_db.models import DBTaskResult

    before = timezone.now() - timedelta(days=settings.TASKS_RETENTION_DAYS)
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    keys, _ = SentEmail.objects.filter(sent_at__lt=before).delete()
    return f"{tasks} task result(s) and {keys} sent-email key(s) deleted"


@register_job("log-retention")
def log_retention() -> str:
    """Data retention: contact messages, failed emails and the logs' names (see
    campaign.services.trim_personal_logs)."""
    counts = trim_personal_logs()
    return ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
