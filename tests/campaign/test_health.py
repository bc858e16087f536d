"""/healthz and /readyz answer load balancers by address, uncached, before any host check."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaign import health
from campaign.tasks import worker_heartbeat
from tests.taskqueue import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db


def test_healthz_answers_any_host_over_plain_http_uncached(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    # Any other page from that address is still refused.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_readyz_checks_database_cache_migrations_and_worker(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok", "worker": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


def test_readyz_fails_when_tasks_wait_and_no_worker_finished_one(client, settings):
    settings.TASKS = DATABASE_TASKS
    settings.READYZ_WORKER_SECONDS = 60
    worker_heartbeat.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("failing")
    run_worker()
    assert client.get("/readyz").status_code == 200


def test_readyz_fails_with_migrations_not_applied(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: ["pending"]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "failing: RuntimeError"


def test_a_post_to_healthz_goes_to_the_site_as_usual(client):
    assert client.post("/healthz").status_code == 404
