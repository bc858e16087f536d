"""Certificate events reach partners' webhooks: POSTed after commit to a real receiver on
127.0.0.1, signed with the webhook's secret, to the person's organizations and those above
them only; a refused delivery is tried again with growing waits, then marked failed."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from partners import services
from partners.webhooks import WebhookDelivery
from tests.factories import MembershipFactory, attended
from tests.taskqueue import DATABASE_TASKS, run_worker
from tests.webhook_receiver import webhook_receiver
from training import services as training_services
from training.models import Certificate

pytestmark = pytest.mark.django_db


def hook(organization, coordinator, url):
    return services.set_webhook(
        organization=organization, url=url, active=True, changed_by=coordinator
    )


def signed_correctly(received, secret: str) -> bool:
    """What a partner's receiver does: recompute the HMAC of "<timestamp>.<body>"."""
    signed = received.headers["X-Portal-Timestamp"].encode() + b"." + received.body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, received.headers["X-Portal-Signature"])


def test_a_test_event_arrives_signed_with_the_secret(partners, django_capture_on_commit_callbacks):
    with webhook_receiver() as receiver:
        webhook = hook(partners.police, partners.police_coordinator, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
    [received] = receiver.requests
    assert signed_correctly(received, webhook.secret)
    assert not signed_correctly(received, webhook.secret + "x")
    delivery = WebhookDelivery.objects.get()
    assert received.headers["X-Portal-Event"] == "webhook.test"
    assert received.headers["X-Portal-Delivery"] == str(delivery.event_id)
    body = json.loads(received.body)
    assert body["id"] == str(delivery.event_id) and body["type"] == "webhook.test"
    assert delivery.state == "delivered" and delivery.attempts == 1
    assert delivery.status_code == 200 and delivery.error == ""
    logged_row = str(WebhookDelivery.objects.filter(pk=delivery.pk).values().get())
    assert webhook.secret not in logged_row


def test_an_issued_certificate_reaches_the_persons_organizations_and_no_other(
    partners, django_capture_on_commit_callbacks
):
    with webhook_receiver() as city, webhook_receiver() as police, webhook_receiver() as other:
        hook(partners.city, partners.city_coordinator, city.url)
        police_hook = hook(partners.police, partners.police_coordinator, police.url)
        hook(partners.other, partners.other_coordinator, other.url)
        with django_capture_on_commit_callbacks(execute=True):
            enrollment = attended(partners.police_staff, days_ago=2)
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert len(city.requests) == len(police.requests) == 1
    assert other.requests == []
    [received] = police.requests
    assert signed_correctly(received, police_hook.secret)
    body = json.loads(received.body)
    assert body["type"] == received.headers["X-Portal-Event"] == "certificate.issued"
    completion = body["completion"]
    assert completion["email"] == partners.police_staff.email
    assert completion["organization"] == "Springfield Police"
    assert completion["course"] == certificate.course.title
    assert completion["status"] == "attended"
    assert completion["certificate"]["code"] == certificate.code
    assert completion["certificate"]["issued_on"] == certificate.issued_on.isoformat()
    assert completion["certificate"]["verify_url"].endswith(f"/{certificate.code}/")
    assert completion["certificate"]["revoked"] is False
    assert json.loads(city.requests[0].body)["completion"]["organization"] == "Springfield Police"


def test_a_revoked_certificate_is_told_with_its_day(partners, django_capture_on_commit_callbacks):
    enrollment = attended(partners.police_staff, days_ago=2)
    certificate = Certificate.objects.get(enrollment=enrollment)
    with webhook_receiver() as police:
        hook(partners.police, partners.police_coordinator, police.url)
        with django_capture_on_commit_callbacks(execute=True):
            training_services.revoke_certificate(
                certificate=certificate, revoked_by=partners.city_coordinator, reason="Wrong."
            )
    [received] = police.requests
    body = json.loads(received.body)
    assert body["type"] == "certificate.revoked"
    assert body["completion"]["certificate"]["revoked"] is True
    assert body["completion"]["certificate"]["revoked_on"] == timezone.localdate().isoformat()


def test_a_person_of_no_hooked_organization_and_a_rolled_back_issuance_send_nothing(
    partners, django_capture_on_commit_callbacks
):
    stranger = MembershipFactory(organization=partners.other).user
    with webhook_receiver() as police:
        hook(partners.police, partners.police_coordinator, police.url)
        with django_capture_on_commit_callbacks(execute=True):
            attended(stranger, days_ago=2)
            with pytest.raises(RuntimeError), transaction.atomic():
                attended(partners.police_staff, days_ago=2)
                raise RuntimeError("rolled back")
    assert police.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_refused_delivery_is_tried_again_with_growing_waits_then_marked_failed(
    partners, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with webhook_receiver(status=500) as receiver:
        webhook = hook(partners.police, partners.police_coordinator, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
        waits = []
        for attempt in [1, 2]:
            run_worker()
            delivery = WebhookDelivery.objects.get()
            assert (delivery.state, delivery.attempts, delivery.status_code) == (
                "pending",
                attempt,
                500,
            )
            assert "500" in delivery.error
            retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
            waits.append(retry.run_after - timezone.now())
            DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
    assert len(receiver.requests) == 3
    assert timedelta(seconds=50) < waits[0] <= timedelta(minutes=1)
    assert timedelta(minutes=4) < waits[1] <= timedelta(minutes=5)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", 3)
    assert delivery.finished_at is not None and delivery.next_attempt_at is None
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_a_receiver_that_does_not_answer_is_logged_as_an_error(
    partners, django_capture_on_commit_callbacks
):
    with webhook_receiver() as receiver:
        url = receiver.url
    webhook = hook(partners.police, partners.police_coordinator, url)  # nothing listens now
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed" and delivery.status_code is None
    assert "Connection refused" in delivery.error or "URLError" in delivery.error
