"""A bounded crawl of the portal's pages as one person: the pages their links reach.

The page checks (axe, reflow, the Nu HTML checker) visit what a person can reach by
following links from the home page, without typing an address. Each URL pattern is
visited at most PER_PATTERN times, so thirty materials cost one or two visits, and the
crawl stops at `limit` pages: it stays fast as the demo grows.
"""

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

PER_PATTERN = 2
# Pages that change something when followed (sign out asks first, but leaves the crawl
# signed out), and language switches: the Spanish pages are the same templates.
SKIPPED_PREFIXES = ("/accounts/logout/", "/es/", "/static/", "/media/", "/bench/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str, base: str) -> list[str]:
    """The portal paths (with query) that `html`'s links point to."""
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def pattern_of(path: str) -> str | None:
    """The URL pattern that serves `path` (its route), or None when nothing does."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    query = "?" if "?" in path else ""
    return f"{match.route}{query}"


def crawl(
    client,
    starts: list[str],
    *,
    limit: int = 80,
    within: str = "/",
    per_pattern: int = PER_PATTERN,
    skip: tuple[str, ...] = (),
) -> dict[str, str]:
    """{path: html} for the HTML pages reached from `starts` through links, breadth first.

    Only paths under `within` and containing none of `skip` are followed; a URL pattern is
    visited at most `per_pattern` times.
    """
    seen_patterns: Counter[str] = Counter()
    pages: dict[str, str] = {}
    queue = list(starts)
    queued = set(queue)
    while queue and len(pages) < limit:
        path = queue.pop(0)
        pattern = pattern_of(path)
        if pattern is None or seen_patterns[pattern] >= per_pattern:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen_patterns[pattern] += 1
        html = response.content.decode()
        pages[path] = html
        for link in links_of(html, path):
            if (
                link in queued
                or not link.startswith(within)
                or link.startswith(SKIPPED_PREFIXES)
                or any(part in link for part in skip)
            ):
                continue
            queued.add(link)
            queue.append(link)
    return pages
