"""What the views of several apps share."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page
from django.http import Http404, HttpRequest

T = TypeVar("T")


def found_or_404(read: Callable[..., T], *args, **kwargs) -> T:
    """What the query `read(*args, **kwargs)` finds, or a 404 when it finds nothing."""
    try:
        return read(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def link_page(request: HttpRequest, page: Page, parameter: str) -> Page:
    """Gives `page` the addresses of its previous and next pages (`previous_url`,
    `next_url`, None at either end), numbered by `parameter` and keeping the rest of the
    query string, so another list's page on the same screen stays where it is."""
    for attribute, number in [
        ("previous_url", page.has_previous() and page.previous_page_number()),
        ("next_url", page.has_next() and page.next_page_number()),
    ]:
        url = None
        if number:
            query = request.GET.copy()
            query[parameter] = number
            url = f"?{query.urlencode()}"
        setattr(page, attribute, url)
    return page


class CrumbsMixin:
    """Puts the page's breadcrumb trail in its context: `get_crumbs()` returns
    [(label, url)], the last one (the page itself) with url None."""

    def get_crumbs(self) -> list[tuple[str, str | None]]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumbs": self.get_crumbs()}
