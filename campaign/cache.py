"""The Redis cache, which falls back to this process's memory while Redis cannot be reached.

Everything the portal keeps in the cache is short-lived: allauth's and django-ratelimit's
rate-limit counters, allauth's used authenticator codes, facet counts and whole public
pages (campaign.page_cache, which stops using the cache while `reachable()` is false).
Losing Redis for a while must not stop people signing in, so while it is down each
process counts on its own (limits then hold per process rather than across processes)
and the outage is logged once when it starts and once when it ends.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("campaign.cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class Outage:
    """Whether one Redis server is unreachable, shared by every thread of the process (each
    thread has its own cache object), so an outage is logged once per process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0


# One Outage per Redis address in this process.
outages: dict[str, Outage] = {}
outages_lock = threading.Lock()


def outage_of(server: str) -> Outage:
    with outages_lock:
        return outages.setdefault(server, Outage())


def _guarded(operation: str):
    """A cache method that runs the Redis operation, or the fallback's while Redis is down."""

    def method(self, *args, **kwargs):
        return self._run(operation, *args, **kwargs)

    method.__name__ = method.__qualname__ = operation
    return method


class FallbackRedisCache(RedisCache):
    """Django's Redis cache that never raises because Redis is unreachable: while it is,
    every operation goes to a local-memory cache of this process instead."""

    # While Redis is down, requests go straight to memory and Redis is tried again after this.
    retry_after_seconds = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._server = server
        # Local-memory caches of one name share their data across the process's threads.
        self._fallback = LocMemCache(f"redis-fallback:{server}", params)

    def _run(self, operation: str, *args, **kwargs):
        outage = outage_of(self._server)
        if outage.down_since is not None and time.monotonic() < outage.retry_at:
            return getattr(self._fallback, operation)(*args, **kwargs)
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._went_down(outage, error)
            return getattr(self._fallback, operation)(*args, **kwargs)
        if outage.down_since is not None:
            self._came_back(outage)
        return result

    def _went_down(self, outage: Outage, error: Exception) -> None:
        with outage.lock:
            now = time.monotonic()
            outage.retry_at = now + self.retry_after_seconds
            if outage.down_since is None:
                outage.down_since = now
                log.error(
                    "cache unreachable, counting rate limits in this process until it "
                    "answers again: %s",
                    error,
                )

    def _came_back(self, outage: Outage) -> None:
        with outage.lock:
            if outage.down_since is not None:
                log.warning(
                    "cache reachable again after %.0f s", time.monotonic() - outage.down_since
                )
                outage.down_since = None

    def reachable(self) -> bool:
        """Whether Redis answered last time it was tried (what is read now is shared by
        every process)."""
        return outage_of(self._server).down_since is None

    add = _guarded("add")
    get = _guarded("get")
    set = _guarded("set")
    touch = _guarded("touch")
    delete = _guarded("delete")
    get_many = _guarded("get_many")
    has_key = _guarded("has_key")
    incr = _guarded("incr")
    set_many = _guarded("set_many")
    delete_many = _guarded("delete_many")

    def clear(self):
        return self._run("clear")
