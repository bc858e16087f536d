"""The one way a page remembers a read for the rest of its request."""

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_request(user, key: str, compute: Callable[[], T]) -> T:
    """`compute()` the first time `key` is asked of this user object, its answer after that.
    `request.user` is made anew for each request, so the answer lives as long as the
    request; a service that changes what it depends on must read through a fresh user."""
    # getattr/setattr, not __dict__: request.user is a lazy proxy of the user.
    memo = getattr(user, "_per_request", None)
    if memo is None:
        memo = user._per_request = {}
    if key not in memo:
        memo[key] = compute()
    return memo[key]
