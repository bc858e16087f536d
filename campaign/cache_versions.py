"""Version numbers kept in the shared cache, for things kept there that many writes can
change: a reader keys what it keeps by the current number, a writer bumps it, and what was
kept under an older number is no longer read (the page cache, the training report's totals).
"""

import time

from django.core.cache import cache


def shared_cache_reachable() -> bool:
    """False while the shared cache is down and each process falls back to its own memory
    (campaign.cache.FallbackRedisCache): a process would then miss the others' bumps."""
    reachable = getattr(cache, "reachable", None)
    return reachable() if reachable is not None else True


def bump_version(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (yet, or evicted): start from a new number
        cache.add(key, time.time_ns())


def current_version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns())
        version = cache.get(key)
    return version
