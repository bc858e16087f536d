"""Anonymous visitors get whole public pages from the cache, per language and per query
string, compressed with brotli or gzip; every kind of write that changes a page retires
the kept pages at once; signed-in people, forms and visitors with a session never get a
kept page; and the site keeps answering, uncached, while Redis is down."""

import gzip
import re
import threading
import time

import brotli
import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import campaign.cache
from campaign import page_cache, scheduler
from campaign.models import Audience
from campaign.site.impact import refresh_impact_figures
from campaign.site.jobs import heavy_page_paths
from partners.models import Organization
from resources.models import Resource
from tests.campaign.test_cache import DEAD_REDIS
from tests.campaign.test_settings import read_settings
from tests.factories import (
    CourseFactory,
    NewsPostFactory,
    OrganizationFactory,
    PlanGoalFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
)
from training import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def fetch(client, url, **headers):
    """The answer and the number of queries it took (0 when it came from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response, len(queries)


def kept_and_then_retired(client, url, write) -> tuple[bytes, bytes]:
    """Checks that `url` is served from the cache, runs `write`, checks that the next
    answer is rendered again, and returns both bodies."""
    fetch(client, url)
    before, queries = fetch(client, url)
    assert queries == 0, "the second visit should come from the cache"
    write()
    after, queries = fetch(client, url)
    assert queries > 0, "the write should have retired the kept page"
    return before.content, after.content


def test_a_public_page_is_kept_per_language_and_per_query_string(client):
    ResourceFactory(title="Indicator Card")
    first, queries = fetch(client, "/materials/")
    assert queries > 0
    again, queries = fetch(client, "/materials/")
    assert queries == 0 and again.content == first.content
    # Another query string and another language are pages of their own.
    assert fetch(client, "/materials/?kind=poster")[1] > 0
    spanish, queries = fetch(client, "/es/materials/")
    assert queries > 0 and spanish["Content-Language"] == "es"
    assert fetch(client, "/es/materials/")[0]["Content-Language"] == "es"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_kept_pages_are_sent_compressed_as_the_client_accepts(client, encoding):
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}[encoding]
    plain = client.get("/news/").content  # rendered and kept
    for _visit in range(2):  # the first from the cache, and a repeat
        response, queries = fetch(client, "/news/", HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
        assert queries == 0
        assert response["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response["Vary"]
        assert decode(response.content) == plain
        assert int(response["Content-Length"]) == len(response.content)


def test_a_page_rendered_now_is_sent_as_brotli_too(client):
    response, queries = fetch(client, "/plan/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert queries > 0 and response["Content-Encoding"] == "br"
    assert b"</html>" in brotli.decompress(response.content)


def test_a_kept_page_answers_304_to_its_etag(client):
    client.get("/plan/")
    etag = fetch(client, "/plan/", HTTP_ACCEPT_ENCODING="br")[0]["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/plan/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and len(queries) == 0


def test_signed_in_people_never_get_or_leave_a_kept_page(client):
    person = UserFactory()
    fetch(client, "/materials/")
    client.force_login(person)
    assert fetch(client, "/materials/")[1] > 0
    assert fetch(client, "/materials/")[1] > 0
    client.logout()
    assert fetch(client, "/materials/")[1] == 0


def test_pages_with_a_form_token_or_for_a_visitor_with_a_session_are_not_kept(client):
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
        for page in [client.get("/accounts/login/") for _visit in range(3)]
    }
    assert len(tokens) == 3  # each visit rendered its own (masked) token
    client.get("/plan/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "someone-s-session"
    assert fetch(client, "/plan/")[1] > 0
    del client.cookies[settings.SESSION_COOKIE_NAME]
    client.cookies["messages"] = "a-message-for-this-visitor"
    assert fetch(client, "/plan/")[1] > 0


def edit_material(resource):
    resource.title = "Shelter Contacts Card"
    resource.save()


@pytest.mark.parametrize(
    ("url", "write", "shown"),
    [
        ("/materials/", lambda r: edit_material(r), "Shelter Contacts Card"),
        ("/materials/", lambda r: Resource.objects.get(pk=r.pk).delete(), None),
        (
            "/materials/?audience=hotel-staff",
            lambda r: r.audiences.add(
                Audience.objects.create(name="Hotel Staff", slug="hotel-staff")
            ),
            "Indicator Card",
        ),
        ("/news/", lambda r: NewsPostFactory(title="Hotline Week"), "Hotline Week"),
        ("/partners/", lambda r: rename(r.publisher_id), "Tri-County Shelter Network"),
        (
            "/plan/",
            lambda r: PlanGoalFactory(title="Prevent Exploitation"),
            "Prevent Exploitation",
        ),
    ],
    ids=["material-edited", "material-deleted", "audience-added", "news", "org-renamed", "plan"],
)
def test_each_kind_of_write_retires_the_kept_pages(client, url, write, shown):
    resource = ResourceFactory(title="Indicator Card", publisher=OrganizationFactory())
    before, after = kept_and_then_retired(client, url, lambda: write(resource))
    if shown:
        assert shown not in before.decode() and shown in after.decode()
    else:
        assert "Indicator Card" in before.decode() and "Indicator Card" not in after.decode()


def rename(organization_id: int) -> None:
    organization = Organization.objects.get(pk=organization_id)
    organization.name = "Tri-County Shelter Network"
    organization.save()


def test_an_enrollment_retires_the_session_page_when_it_commits(
    client, django_capture_on_commit_callbacks
):
    """Not before: everyone else enrolling waits on the session lock until the commit,
    and until then the page as kept is still the page as stored."""
    session = SessionFactory(capacity=10)
    url = reverse("training:session-detail", args=[session.pk])

    person = UserFactory()

    def enroll_and_commit():
        with django_capture_on_commit_callbacks(execute=False) as at_commit:
            services.enroll(user=person, session=session)
            assert fetch(client, url)[1] == 0, "retired before the commit"
        for callback in at_commit:
            callback()

    before, after = kept_and_then_retired(client, url, enroll_and_commit)
    assert before != after


def test_publishing_through_the_admin_retires_the_kept_pages(client, campaign_admin):
    """The admin's publish actions write with an update, which sends no signal."""
    admin_client = Client()
    admin_client.force_login(campaign_admin)
    course = CourseFactory(title="Hospitality Staff Indicators", published=False)
    SessionFactory(course=course)
    draft = ResourceFactory(title="Truckers Wallet Card", published=False)
    for url, changelist, pk, title in [
        ("/trainings/", "admin:training_course_changelist", course.pk, course.title),
        ("/materials/", "admin:resources_resource_changelist", draft.pk, draft.title),
    ]:
        before, after = kept_and_then_retired(
            client,
            url,
            lambda changelist=changelist, pk=pk: admin_client.post(
                reverse(changelist), {"action": "publish", "_selected_action": [pk]}
            ),
        )
        assert title not in before.decode() and title in after.decode()


def test_new_impact_figures_retire_the_kept_pages_and_the_same_figures_do_not(client):
    """The figures are recomputed by a job: a page rendered between a write and the next
    run shows the old figures, so the run retires it when the figures changed."""
    refresh_impact_figures()
    fetch(client, "/impact/")
    refresh_impact_figures()  # nothing changed
    assert fetch(client, "/impact/")[1] == 0
    OrganizationFactory()  # retires the page, which is kept again with the old figures
    before, _queries = fetch(client, "/impact/")
    assert fetch(client, "/impact/")[1] == 0
    refresh_impact_figures()
    after, queries = fetch(client, "/impact/")
    assert queries > 0 and after.content != before.content


def test_a_sign_in_alone_does_not_retire_the_kept_pages(client):
    person = UserFactory()
    fetch(client, "/plan/")
    person.save(update_fields=["last_login"])
    assert fetch(client, "/plan/")[1] == 0


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setattr(campaign.cache, "outages", {})
    dead = read_settings(["CACHES"], env={"REDIS_URL": DEAD_REDIS})["CACHES"]
    with override_settings(CACHES=dead):
        caches["default"]._fallback.clear()
        yield
        caches["default"]._fallback.clear()


def test_while_redis_is_down_pages_are_served_fresh_and_not_kept(client, redis_down):
    for _visit in range(3):
        assert fetch(client, "/plan/")[1] > 0
    PlanGoalFactory(title="Strengthen Partnerships")
    assert "Strengthen Partnerships" in fetch(client, "/plan/")[0].content.decode()


def test_with_redis_the_pages_are_kept_there(client):
    live = read_settings(["CACHES"], env={"REDIS_URL": "redis://127.0.0.1:6379/2"})["CACHES"]
    with override_settings(CACHES=live):
        caches["default"].clear()
        fetch(client, "/plan/")
        assert fetch(client, "/plan/")[1] == 0
        PlanGoalFactory(title="Build Capacity")
        assert "Build Capacity" in fetch(client, "/plan/")[0].content.decode()
        caches["default"].clear()


def test_certificate_checks_are_never_kept_so_each_counts_against_the_rate(client, settings):
    """The verification page is rate-limited per address and must show a revocation at
    once: every check runs the view (the stack test counts the 429s across two servers)."""
    settings.CERTIFICATE_VERIFY_RATE = "2/m"
    statuses = [client.get("/certificates/verify/NOPE2345/").status_code for _ in range(4)]
    assert statuses == [200, 200, 429, 429]


def another_request_is_rendering_every_page(monkeypatch) -> None:
    """Every page's fill lock is held elsewhere, as while another process renders it."""
    add = page_cache.cache.add

    def add_unless_fill_lock(key, *args, **kwargs):
        return False if key.endswith(":filling") else add(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "add", add_unless_fill_lock)


def test_while_a_stale_page_is_rendered_again_the_other_visitors_get_the_stale_copy(
    client, monkeypatch
):
    ResourceFactory(title="Indicator Card")
    first, _queries = fetch(client, "/materials/")
    ResourceFactory(title="Shelter Contacts Card")  # retires the kept page
    with monkeypatch.context() as patched:
        another_request_is_rendering_every_page(patched)
        stale, queries = fetch(client, "/materials/")
        assert queries == 0 and stale.content == first.content
    # Nobody rendering it: the next visitor renders it anew, and it is kept fresh.
    fresh, queries = fetch(client, "/materials/")
    assert queries > 0 and "Shelter Contacts Card" in fresh.content.decode()
    assert fetch(client, "/materials/")[1] == 0


def test_a_page_never_kept_is_rendered_even_while_its_fill_lock_is_held(client, monkeypatch):
    another_request_is_rendering_every_page(monkeypatch)
    assert fetch(client, "/plan/")[1] > 0


def test_a_kept_page_is_fresh_for_page_cache_seconds_under_its_version(settings):
    settings.PAGE_CACHE_SECONDS = 60
    now = time.time()
    assert page_cache.is_fresh({"version": 7, "made_at": now - 59}, 7)
    assert not page_cache.is_fresh({"version": 7, "made_at": now - 61}, 7)
    assert not page_cache.is_fresh({"version": 7, "made_at": now}, 8)


def test_the_warm_up_job_renders_the_heavy_pages_before_their_first_visitor(client, settings):
    settings.SITE_URL = "http://testserver"
    ResourceFactory(title="Indicator Card")
    refresh_impact_figures()  # as the impact-figures job, which runs first, does
    warm_up = scheduler.registered_jobs()["warm-public-pages"]
    assert warm_up().startswith(f"{len(heavy_page_paths())} heavy public page(s) kept fresh")
    for url in ["/", "/materials/", "/materials/?kind=poster", "/es/trainings/"]:
        assert fetch(client, url)[1] == 0, url
    ResourceFactory(title="Shelter Contacts Card")  # retires them: the next run renders again
    warm_up()
    page, queries = fetch(client, "/materials/")
    assert queries == 0 and "Shelter Contacts Card" in page.content.decode()


def another_request_renders_the_page(url: str, *, keeps: str | None, after: float) -> None:
    """As another process rendering `url` for the first time: holds its fill lock for
    `after` seconds, keeps a page with the body `keeps` (or none) and lets go."""
    key = page_cache.page_key(RequestFactory().get(url))
    page_cache.cache.set(f"{key}:filling", True, 30)

    def render() -> None:
        time.sleep(after)
        if keeps is not None:
            response = HttpResponse(keeps)
            forms = page_cache.kept_forms(response, page_cache.current_version())
            page_cache.cache.set_many({f"{key}:{e}": form for e, form in forms.items()}, 60)
        page_cache.cache.delete(f"{key}:filling")

    threading.Thread(target=render).start()


def test_a_page_never_kept_is_rendered_once_while_other_visitors_wait_for_it(client):
    """Many visitors asking at once for a page nobody has kept yet (a search that
    trends) do not all render it: the first does, the others wait for its copy."""
    another_request_renders_the_page("/materials/?q=card", keeps="kept by another", after=0.2)
    waited, queries = fetch(client, "/materials/?q=card")
    assert queries == 0 and waited.content == b"kept by another"


def test_a_waiting_visitor_renders_the_page_when_the_other_request_keeps_none(client):
    another_request_renders_the_page("/materials/?q=card", keeps=None, after=0.1)
    started = time.monotonic()
    response, queries = fetch(client, "/materials/?q=card")
    assert queries > 0 and b"kept by another" not in response.content
    assert time.monotonic() - started < page_cache.FIRST_FILL_WAIT_SECONDS


def test_a_visitor_waits_for_another_request_at_most_a_moment(client, monkeypatch):
    monkeypatch.setattr(page_cache, "FIRST_FILL_WAIT_SECONDS", 0.2)
    another_request_renders_the_page("/materials/?q=card", keeps="too late", after=2)
    response, queries = fetch(client, "/materials/?q=card")
    assert queries > 0 and response.content != b"too late"
