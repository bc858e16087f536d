"""Whole public pages kept in the cache for anonymous visitors.

A visitor with no session and no pending message sees exactly what every other such
visitor sees at the same address in the same language, so the first answer is kept (with
its gzip and brotli forms, made once) and served to the next visitors without touching a
view or the database. Every write that can change a page bumps one version number
(`bump_page_version`, called by signals on every content model and by the services that
write with `QuerySet.update`); a kept page made under an older version is stale. Pages
also go stale after PAGE_CACHE_SECONDS, for what changes with time alone (a session that
has started leaves the upcoming list).

A page is rendered by one request at a time (it takes the page's fill lock). Requests for
a stale page that come while it renders get the stale copy instead of rendering it too, so
a write or an expiry never sends every visitor of a heavy page to the database at once. A
stale copy is thus served only for as long as one render takes, and the first request
after a write, with nobody rendering, always gets the page anew. Stale copies are kept for
STALE_KEPT_FOR times PAGE_CACHE_SECONDS, then dropped. Requests for a page nobody has kept
yet (a search everyone makes at once) wait, a moment at most, for the copy the rendering
request keeps.

Only answers that carry no secret are kept: status 200 to GET, no cookie set, no CSRF
token used, not private or uncacheable, nobody signed in. These are also the answers that
may be compressed without BREACH.

While the shared cache is unreachable (campaign.cache.FallbackRedisCache), pages are not
kept or served from it: each process would otherwise keep its own copies and its own
version, and miss the other processes' bumps.
"""

import gzip
import hashlib
import time
from urllib.parse import urlsplit

import brotli
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import get_language

from campaign.cache_versions import bump_version, shared_cache_reachable
from campaign.cache_versions import current_version as current_version_of

VERSION_KEY = "page-cache:version"
# Headers made again for each answer, from the body actually sent.
REBUILT_HEADERS = {"content-length", "content-encoding", "etag"}
# Below this size compression gains nothing (Django's GZipMiddleware uses the same bound).
SMALLEST_COMPRESSED = 200
# Vary values a kept page may carry: the key already covers language and encoding, and
# kept pages are only served to requests without a session or messages cookie.
ALLOWED_VARY = {"accept-encoding", "accept-language", "cookie"}
# Cookies that can make a page differ for an anonymous visitor.
PERSONAL_COOKIES = ("messages",)


def _reachable() -> bool:
    return shared_cache_reachable()


def _bump() -> None:
    bump_version(VERSION_KEY)


def bump_page_version() -> None:
    """Retires every kept page. Bumps now and again once the current transaction commits,
    so a page rendered from the old rows while the write was still uncommitted is retired
    too."""
    _bump()
    transaction.on_commit(_bump)


def bump_page_version_after_commit() -> None:
    """Retires every kept page once the current transaction commits (at once outside one),
    for writes made under a lock that others queue behind (enrollments): until the commit
    other requests still read the rows as they were, so a bump before it retires nothing
    the one after would not."""
    transaction.on_commit(_bump)


def current_version() -> int:
    return current_version_of(VERSION_KEY)


def page_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{get_language()}:{digest}"


def may_be_served_from_cache(request) -> bool:
    """Whether this request is one that every anonymous visitor makes alike."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and not any(
        name in cookies for name in PERSONAL_COOKIES
    )


def may_be_kept(request, response) -> bool:
    """Whether this answer is the same for every anonymous visitor and carries no secret."""
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "").lower()
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and (user is None or not user.is_authenticated)
        and not response.has_header("Content-Encoding")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
        and vary <= ALLOWED_VARY
    )


def encoding_for(request) -> str | None:
    """The best encoding this client accepts: brotli, then gzip, else none."""
    accepted = {
        part.split(";")[0].strip().lower()
        for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(",")
    }
    if "br" in accepted:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return None


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        # Quality 5 takes about as long as gzip and shrinks HTML a little more.
        return brotli.compress(body, mode=brotli.MODE_TEXT, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


ENCODINGS = (None, "br", "gzip")
# How many times PAGE_CACHE_SECONDS a kept page stays in the cache, to be served stale
# while it is rendered again.
STALE_KEPT_FOR = 10
# Longest a fill lock is held when its holder dies before it lets go.
FILL_LOCK_SECONDS = 30
# Longest a request waits for another to keep a page never kept before it renders the page
# itself, and how often it looks.
FIRST_FILL_WAIT_SECONDS = 1.0
FIRST_FILL_POLL_SECONDS = 0.01


def kept_forms(response, version: int) -> dict[str | None, dict]:
    """The answer as kept for each encoding a client may ask for (a small body is kept
    uncompressed for all), each read from the cache alone when asked for."""
    body = response.content
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in REBUILT_HEADERS
    ]
    # The ETag ConditionalGetMiddleware gives the page when it is rendered: the same
    # validator whether the page was rendered or kept.
    etag = quote_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
    forms = {}
    for encoding in ENCODINGS:
        if encoding is None or len(body) < SMALLEST_COMPRESSED:
            content, sent_as = body, None
        else:
            content, sent_as = compress(body, encoding), encoding
        forms[encoding] = {
            "version": version,
            "made_at": time.time(),
            "headers": headers,
            "body": content,
            "encoding": sent_as,
            "etag": etag,
        }
    return forms


def answer_from(kept: dict) -> HttpResponse:
    response = HttpResponse(kept["body"])
    for name, value in kept["headers"]:
        response[name] = value
    response["ETag"] = kept["etag"]
    if kept["encoding"]:
        response["Content-Encoding"] = kept["encoding"]
        response["ETag"] = "W/" + kept["etag"]  # as the compression middleware marks it
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class AnonymousPageCacheMiddleware:
    """Serves kept public pages to anonymous visitors and keeps the ones it renders.

    Sits below compression, conditional GET, the security headers and the language
    choice (they apply to kept pages as to any other), above everything that reads the
    session, the user or the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or not may_be_served_from_cache(request)
            or not _reachable()
        ):
            return self.get_response(request)
        key = page_key(request)
        form_key = f"{key}:{encoding_for(request)}"
        found = cache.get_many([VERSION_KEY, form_key])
        version = found.get(VERSION_KEY)
        kept = found.get(form_key)
        if version is None:
            version = current_version()
        fill_lock = None
        # A fallback to memory during this very call means the answer is not shared.
        if _reachable():
            if kept is not None and is_fresh(kept, version):
                return answer_from(kept)
            fill_lock = f"{key}:filling"
            if not cache.add(fill_lock, True, FILL_LOCK_SECONDS):
                # Another request is rendering it: its stale copy, or the copy it keeps.
                kept = kept or wait_for_first_copy(form_key, fill_lock)
                if kept is not None:
                    return answer_from(kept)
                fill_lock = None  # it kept none: render it here
        try:
            response = self.get_response(request)
            if may_be_kept(request, response) and _reachable():
                forms = kept_forms(response, version)
                cache.set_many(
                    {f"{key}:{encoding}": form for encoding, form in forms.items()},
                    settings.PAGE_CACHE_SECONDS * STALE_KEPT_FOR,
                )
        finally:
            if fill_lock:
                cache.delete(fill_lock)
        return response


def wait_for_first_copy(form_key: str, fill_lock: str) -> dict | None:
    """The copy another request keeps while it holds `fill_lock`, or None once it lets go
    without keeping one (an answer that may not be kept) or FIRST_FILL_WAIT_SECONDS pass.
    A sync worker that waits here uses no CPU, so the one rendering finishes sooner."""
    deadline = time.monotonic() + FIRST_FILL_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(FIRST_FILL_POLL_SECONDS)
        found = cache.get_many([form_key, fill_lock])
        if form_key in found:
            return found[form_key]
        if fill_lock not in found:
            return None
    return None


def warm_pages(paths: list[str]) -> list[str]:
    """Asks for each of `paths` as an anonymous visitor of SITE_URL would, through every
    middleware: a page kept fresh costs a cache read, a missing or stale one is rendered
    and kept, so the visitors who come next find it kept. Returns the paths that did not
    answer 200.

    For a scheduled job: the heaviest pages are then rendered by the job, not by the first
    visitor after a write or an expiry."""
    # Django's client is its in-process way to run a request through the whole handler.
    from django.test import Client

    site = urlsplit(settings.SITE_URL)
    client = Client(HTTP_HOST=site.netloc)
    return [
        path
        for path in paths
        if client.get(path, secure=site.scheme == "https").status_code != 200
    ]


def is_fresh(kept: dict, version: int) -> bool:
    """Made under the current version, less than PAGE_CACHE_SECONDS ago."""
    return (
        kept["version"] == version
        and time.time() - kept.get("made_at", 0) < settings.PAGE_CACHE_SECONDS
    )


# The apps whose rows public pages show, and their models that no public page shows
# (written on every sign-in, send or download: bumping on them would retire the pages for
# nothing). Download counts (a queryset update, no signal) show within PAGE_CACHE_SECONDS.
CONTENT_APPS = {"campaign", "partners", "resources", "training"}
NEVER_SHOWN = {
    "campaign.auditentry",
    "campaign.failedemail",
    "campaign.sentemail",
    "partners.apitoken",
    "partners.tokenuse",
    "training.calendarfeed",
    "resources.downloadmonth",
    # Public pages show enrollments only as the session row's seat counts, whose update
    # by the enrollment services retires the pages itself, once they commit (the impact
    # figures are refreshed by their job).
    "training.enrollment",
}
# A user row saved only for these fields changes no page (Django writes last_login on
# every sign-in).
UNSHOWN_USER_FIELDS = {"last_login"}


def changes_pages(sender, update_fields=None) -> bool:
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.label_lower in NEVER_SHOWN:
        return False
    return not (
        meta.label_lower == "campaign.user"
        and update_fields
        and set(update_fields) <= UNSHOWN_USER_FIELDS
    )


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def content_changed(sender, update_fields=None, **kwargs) -> None:
    if changes_pages(sender, update_fields):
        bump_page_version()
