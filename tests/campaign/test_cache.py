"""While Redis is unreachable the portal keeps working: the cache falls back to each process's
memory, rate limits still hold per process, and the outage is logged once."""

import logging

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

import campaign.cache
from campaign.cache import FallbackRedisCache
from tests.campaign.test_settings import read_settings
from tests.checks import assert_sign_in_locks_after_five_failures
from tests.factories import (
    DEFAULT_PASSWORD,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    order_form,
)

pytestmark = pytest.mark.django_db

# Nothing listens on this port: every connection is refused.
DEAD_REDIS = "redis://127.0.0.1:6390/0"
LIVE_REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture(scope="module")
def dead_redis_caches():
    """CACHES exactly as the settings build them when REDIS_URL names an unreachable Redis."""
    return read_settings(["CACHES"], env={"REDIS_URL": DEAD_REDIS})["CACHES"]


@pytest.fixture(autouse=True)
def no_outage_yet(monkeypatch):
    """Each test starts with every Redis thought reachable."""
    monkeypatch.setattr(campaign.cache, "outages", {})


@pytest.fixture
def redis_down(dead_redis_caches, caplog):
    caplog.set_level(logging.INFO, logger="campaign.cache")
    with override_settings(CACHES=dead_redis_caches):
        cache = caches["default"]
        cache._fallback.clear()  # the memory it falls back to, left by an earlier test
        yield cache
        cache._fallback.clear()


def outage_records(caplog):
    return [r for r in caplog.records if r.name == "campaign.cache"]


def test_the_settings_use_the_falling_back_cache_with_short_timeouts(dead_redis_caches):
    default = dead_redis_caches["default"]
    assert default["BACKEND"] == "campaign.cache.FallbackRedisCache"
    assert default["OPTIONS"]["socket_connect_timeout"] <= 1


def test_pages_sign_in_orders_verification_and_enrollment_work_while_redis_is_down(
    client, redis_down, caplog
):
    """Each of these answered 500 with Django's plain Redis cache and Redis down."""
    user = UserFactory(email="robin@example.org")
    assert client.get(reverse("home")).status_code == 200

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    session = SessionFactory()
    response = client.post(reverse("training:session-enroll", args=[session.pk]))
    assert response.status_code == 302
    assert session.enrollments.get().status == "registered"

    response = client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKLM"]))
    assert response.status_code == 200
    response = client.get(reverse("certificates:verify-json", args=["ABCD-EFGH-JKLM"]))
    assert response.json() == {"status": "not_valid"}

    poster = ResourceFactory(orderable=True)
    response = client.post(
        reverse("resources:order"),
        order_form(poster, 3, contact_name="Robin Diaz", email=user.email),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("resources:order-thanks")

    client.logout()
    mail.outbox.clear()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1

    # One line for the whole outage, however many requests met it.
    errors = [r for r in outage_records(caplog) if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "cache unreachable" in errors[0].getMessage()


def test_sign_in_rate_limits_still_hold_in_the_process_while_redis_is_down(client, redis_down):
    assert_sign_in_locks_after_five_failures(client)


def test_order_rate_limits_still_hold_in_the_process_while_redis_is_down(
    client, redis_down, settings
):
    settings.RESOURCE_ORDER_RATE = "1/h"
    poster = ResourceFactory(orderable=True)
    data = order_form(poster, 1)
    assert client.post(reverse("resources:order"), data).status_code == 302
    assert client.post(reverse("resources:order"), data).status_code == 429


def test_the_cache_answers_from_memory_while_redis_is_down(redis_down, caplog):
    redis_down.set("greeting", "hello")
    assert redis_down.get("greeting") == "hello"
    assert redis_down.add("greeting", "again") is False
    assert redis_down.add("counter", 1) is True
    assert redis_down.incr("counter") == 2
    assert redis_down.get_many(["greeting", "missing"]) == {"greeting": "hello"}
    redis_down.delete("greeting")
    assert redis_down.get("greeting", "gone") == "gone"
    assert len(outage_records(caplog)) == 1


def test_a_recovered_redis_is_used_again_and_logged_once(caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="campaign.cache")
    cache = FallbackRedisCache(LIVE_REDIS, {"KEY_PREFIX": "fallback-test"})
    cache.retry_after_seconds = 0
    cache.set("kept", "in redis")
    client_class = type(cache._cache)
    real_get_client = client_class.get_client

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting. Connection refused.")

    monkeypatch.setattr(client_class, "get_client", unreachable)
    for _ in range(3):
        assert cache.get("kept") is None  # memory does not have it
    monkeypatch.setattr(client_class, "get_client", real_get_client)
    assert cache.get("kept") == "in redis"
    assert cache.get("kept") == "in redis"
    cache.delete("kept")

    messages = [r.getMessage() for r in outage_records(caplog)]
    assert len(messages) == 2
    assert messages[0].startswith("cache unreachable")
    assert messages[1].startswith("cache reachable again")


def test_while_redis_is_down_it_is_tried_again_only_after_a_pause(monkeypatch):
    cache = FallbackRedisCache(DEAD_REDIS, {})
    attempts = []
    client_class = type(cache._cache)
    real_get_client = client_class.get_client

    def counting(*args, **kwargs):
        attempts.append(1)
        return real_get_client(*args, **kwargs)

    monkeypatch.setattr(client_class, "get_client", counting)
    for _ in range(10):
        cache.get("anything")
    assert len(attempts) == 1
