"""What the views of several apps share."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

T = TypeVar("T")


def found_or_404(read: Callable[..., T], *args, **kwargs) -> T:
    """What the query `read(*args, **kwargs)` finds, or a 404 when it finds nothing."""
    try:
        return read(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


class CrumbsMixin:
    """Puts the page's breadcrumb trail in its context: `get_crumbs()` returns
    [(label, url)], the last one (the page itself) with url None."""

    def get_crumbs(self) -> list[tuple[str, str | None]]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumbs": self.get_crumbs()}
