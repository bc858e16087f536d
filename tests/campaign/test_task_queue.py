"""Email leaves the request: queued in the database, run by django-tasks-db's worker, tried
again with growing waits, recorded when no try is left, never sent twice, and failed tasks
run again from the admin."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from campaign.jobs import requeue_stalled_tasks
from campaign.models import FailedEmail, SentEmail
from campaign.tasks import send_email_message
from tests.factories import SessionFactory
from tests.taskqueue import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db

MAIL_SERVER_DOWN = "tests.mail_backends.FailingEmailBackend"


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def queue_message(key: str = "key-0001") -> None:
    send_email_message.enqueue(
        subject="Hello", body="Body", to=["pat@example.org"], kind="test", idempotency_key=key
    )


def test_an_enrollment_queues_its_email_and_the_worker_sends_it(
    client, signed_in_user, django_capture_on_commit_callbacks
):
    person = signed_in_user
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:session-enroll", args=[session.pk]),
            headers={"X-Request-ID": "proxy-request-0042"},
        )
    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent inside the request
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs["kwargs"]["request_id"] == "proxy-request-0042"
    run_worker()
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_refused_message_is_tried_again_with_growing_waits_then_recorded(settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    settings.EMAIL_MAX_ATTEMPTS = 3
    queue_message()
    waits = []
    for _ in range(2):
        run_worker()
        retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        waits.append(retry.run_after - timezone.now())
        assert not FailedEmail.objects.exists()
        # The wait has passed.
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert timedelta(seconds=50) < waits[0] <= timedelta(minutes=1)
    assert timedelta(seconds=110) < waits[1] <= timedelta(minutes=2)
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert failed.count() == 3
    assert all("SMTPException" in result.traceback for result in failed)
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert FailedEmail.objects.get().recipient == "pat@example.org"


def test_a_message_run_again_after_a_killed_worker_is_not_sent_twice():
    queue_message()
    run_worker()
    # As if the worker had been killed before it recorded the result: the task runs again.
    DBTaskResult.objects.update(status=TaskResultStatus.READY)
    run_worker()
    assert len(mail.outbox) == 1
    assert SentEmail.objects.get().key == "key-0001"


def test_tasks_of_a_killed_worker_are_queued_again_and_others_left_alone(settings):
    settings.TASKS_STALLED_SECONDS = 60
    queue_message("stalled-01")
    queue_message("running-01")
    stalled, running = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=stalled.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=5)
    )
    DBTaskResult.objects.filter(pk=running.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    assert requeue_stalled_tasks() == "1 requeued"
    assert DBTaskResult.objects.get(pk=stalled.pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=running.pk).status == TaskResultStatus.RUNNING


def test_the_admin_lists_failed_tasks_with_their_error_and_runs_them_again(
    client, campaign_admin, settings
):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    settings.EMAIL_MAX_ATTEMPTS = 1
    queue_message()
    run_worker()
    failed = DBTaskResult.objects.get()
    client.force_login(campaign_admin)
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert "smtplib.SMTPException" in client.get(changelist).content.decode()
    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk]))
    assert "421 Service not available" in page.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(
        changelist, {"action": "retry_failed", "_selected_action": [failed.pk]}, follow=True
    )
    assert "1 failed task(s) queued again." in response.content.decode()
    run_worker()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1


def test_task_logs_carry_the_request_id_of_the_request_that_queued_them(caplog):
    send_email_message.enqueue(
        subject="Hello", body="Body", to=["pat@example.org"], request_id="proxy-request-0042"
    )
    with caplog.at_level(logging.INFO, logger="campaign.tasks"):
        run_worker()
    sent = [record for record in caplog.records if record.name == "campaign.tasks"]
    assert sent and all(record.request_id == "proxy-request-0042" for record in sent)
