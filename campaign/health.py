"""/healthz and /readyz for load balancers and orchestrators.

Answered by a middleware placed first, before any host check, redirect or session: a load
balancer probes by address over plain HTTP. Never cached.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.utils import timezone
from django.utils.crypto import get_random_string

logger = logging.getLogger(__name__)

# Migrations, once seen applied, stay applied for the life of the process.
_migrations_applied = False


def check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key = f"readyz:{get_random_string(12)}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations are not applied")
    _migrations_applied = True


def check_worker() -> None:
    """With a queue backend: a task finished within READYZ_WORKER_SECONDS (the scheduler
    queues a heartbeat task every run), or no task waits longer than that. The immediate
    backend runs tasks in the web process itself."""
    from django_tasks_db.models import DBTaskResult

    from campaign.tasks import uses_task_queue

    if not uses_task_queue():
        return
    since = timezone.now() - timedelta(seconds=settings.READYZ_WORKER_SECONDS)
    if DBTaskResult.objects.filter(finished_at__gte=since).exists():
        return
    if DBTaskResult.objects.ready().filter(enqueued_at__lt=since).exists():
        raise RuntimeError("no worker has finished a task recently and tasks are waiting")


READINESS_CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "migrations": check_migrations,
    "worker": check_worker,
}


def readiness() -> dict[str, str]:
    """Each check's name with "ok" or why it failed."""
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:
            logger.warning("readiness check %s failed: %s", name, error)
            results[name] = f"failing: {type(error).__name__}"
    return results


def json_response(payload: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz (the process answers) and /readyz (it can serve)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in {"GET", "HEAD"}:
            if request.path == "/healthz":
                return json_response({"status": "ok"}, 200)
            if request.path == "/readyz":
                checks = readiness()
                ready = all(result == "ok" for result in checks.values())
                return json_response(
                    {"status": "ok" if ready else "failing", "checks": checks},
                    200 if ready else 503,
                )
        return self.get_response(request)
