"""Every URL pattern of the portal, fuzzed: no input a browser can send answers 5xx, and
no generated markup comes back unescaped in an HTML page.

The patterns are read from the URL configuration (the portal's own, allauth's and the
admin's), their path parameters filled with real objects and with generated values, and
each is requested by an anonymous visitor, partner staff, a coordinator and a campaign
admin with generated query strings and form bodies (GET and POST).

The coordinator's client also sends their organization's API token on every request, so
the completions API is fuzzed past its token check as well as refused without one.

Each role gets FUZZ_EXAMPLES generated requests (150 by default, spread over all the
patterns); run it longer with, for example,
``FUZZ_EXAMPLES=5000 pytest tests/security/test_fuzz.py``.
"""

import copy
import os
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    CourseFactory,
    MaterialOrderFactory,
    MembershipFactory,
    NewsPostFactory,
    QuestionFactory,
    ResourceFactory,
    SessionFactory,
    make_api_token,
)
from tests.security.fuzzing import (
    COMMON_KEYS,
    MARKER,
    all_patterns,
    encode_pairs,
    pairs_strategy,
    parameter_names,
    real_paths,
    segment_strategy,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
FUZZ = settings.get_profile("fuzz")

ROLES = ["anonymous", "staff", "coordinator", "admin"]

# --- Data -------------------------------------------------------------------------------------


@pytest.fixture
def world(partners, campaign_admin, settings):
    """One of everything the URL patterns name, made with the factories and services."""
    from campaign.models import Audience, Pillar
    from partners.models import Invitation
    from training import checkin, services
    from training.models import CalendarFeed, Certificate, Enrollment

    staff, coordinator = partners.police_staff, partners.police_coordinator
    pillar = Pillar.objects.first() or Pillar.objects.create(name="Prevention", slug="prevention")
    audience = Audience.objects.first() or Audience.objects.create(
        name="Law enforcement", slug="law-enforcement"
    )
    course = CourseFactory(issues_certificates=True, duration_minutes=60)
    session = SessionFactory(course=course)
    session.trainers.add(coordinator)
    enrollment = Enrollment.objects.create(user=staff, session=session, status="registered")
    start = timezone.now() - timedelta(hours=2)
    past = SessionFactory(course=course, starts_at=start, ends_at=start + timedelta(hours=1))
    attended = Enrollment.objects.create(user=staff, session=past, status="registered")
    services.mark_attendance(enrollment=attended, attended=True, marked_by=None)
    certificate = Certificate.objects.get(enrollment=attended)
    question = QuestionFactory()
    pending = MembershipFactory(organization=partners.police, status="pending", started_at=None)
    invitation = Invitation.objects.create(
        organization=partners.police,
        email="new@example.org",
        role="staff",
        invited_by=coordinator,
        expires_at=timezone.now() + timedelta(days=14),
    )
    feed = CalendarFeed.objects.create(user=staff)
    news = NewsPostFactory()
    draft = NewsPostFactory(status="draft")
    resource = ResourceFactory(orderable=True)
    MaterialOrderFactory()
    Group.objects.create(name="Fuzzers")
    api_token, api_secret = make_api_token(partners.police, created_by=coordinator)
    # The fuzzing is the API's whole traffic: past a per-token rate every answer is a 429.
    settings.API_RATE = "100000/m"
    real = {
        "slug": [
            partners.police.slug,
            course.slug,
            question.course.slug,
            resource.slug,
            news.slug,
            draft.slug,
            pillar.slug,
        ],
        "pk": [
            str(session.pk),
            str(pending.pk),
            str(invitation.pk),
            str(past.pk),
            str(api_token.pk),
        ],
        "enrollment_pk": [str(enrollment.pk), str(attended.pk)],
        "token": [
            invitation.token,
            feed.token,
            services.give_back_url(enrollment).rstrip("/").rsplit("/", 1)[-1],
            checkin.code_for(session).token,
        ],
        "code": [certificate.code],
        "audience": [audience.slug],
        "decision": ["approve", "decline"],
        "outcome": ["attended", "no-show"],
    }
    people = {
        "anonymous": None,
        "staff": staff,
        "coordinator": coordinator,
        "admin": campaign_admin,
    }
    return SimpleNamespace(real=real, people=people, api_secret=api_secret)


def client_as(role: str, people, api_secret: str) -> Client:
    headers = {"Authorization": f"Bearer {api_secret}"} if role == "coordinator" else {}
    client = Client(headers=headers)
    if people[role] is not None:
        client.force_login(people[role])
    client.signed_in_cookies = copy.deepcopy(client.cookies)
    return client


def check(response, path: str) -> None:
    assert response.status_code < 500, f"{response.status_code} at {path}"
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        body = response.content.decode("utf-8", "replace")
        assert "<x-fuzz" not in body, f"unescaped markup reflected at {path}"


def request(client: Client, method: str, path: str, query: str, body: str):
    url = f"{path}?{query}" if query else path
    # Back to the role's own session, whatever an earlier request did (signing out).
    client.cookies = copy.deepcopy(client.signed_in_cookies)
    # Each request is undone, so no example depends on what an earlier one wrote.
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        transaction.set_rollback(True)
    return response


FIELD_NAME = re.compile(r'\bname="([^"]+)"')


def field_names(response) -> list[str]:
    """The names of the fields on a page, so the fuzzing reaches its form."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return COMMON_KEYS
    return sorted(set(FIELD_NAME.findall(response.content.decode())) | set(COMMON_KEYS))


# --- The test ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_5xx_or_reflects_markup(world, role):
    client = client_as(role, world.people, world.api_secret)
    targets = []
    for chain, name in all_patterns():
        # Every pattern with real objects: GET each filling, probe the first one that exists
        # (its form's field names are then fuzzed too), and NUL in each path value.
        found = None
        for path in real_paths(chain, world.real):
            response = request(client, "GET", path, "", "")
            check(response, path)
            if found is None and response.status_code != 404:
                found = path, field_names(response)
        if found is not None:
            probe(client, *found)
        nul_values = {name: ["a\x00"] for name in parameter_names(chain) or []}
        for path in real_paths(chain, nul_values) if nul_values else []:
            check(request(client, "GET", path, "", ""), path)
        keys = found[1] if found else COMMON_KEYS
        targets.append((chain, name, keys))
    fuzz_targets(targets, client, world)


def probe(client: Client, path: str, keys: list[str]) -> None:
    """What every run sends to a page: an empty form, markup in every field, and NUL."""
    markup = encode_pairs([(key, MARKER) for key in keys])
    nul = encode_pairs([(key, "a\x00") for key in keys])
    for method, query, body in [
        ("POST", "", ""),
        ("GET", markup, ""),
        ("POST", "", markup),
        ("POST", nul, nul),
    ]:
        check(request(client, method, path, query, body), f"{method} {path}?{query}")


def fuzz_targets(targets, client: Client, world):
    """EXAMPLES generated requests spread over all the patterns."""

    def request_for(target):
        chain, name, keys = target
        path = st.tuples(*(segment_strategy(p, world.real) for p in chain)).map(
            lambda parts: "/" + "".join(parts)
        )
        return st.tuples(
            st.just(name),
            path,
            st.sampled_from(["GET", "POST"]),
            pairs_strategy(keys).map(encode_pairs),
            pairs_strategy(keys).map(encode_pairs),
        )

    @FUZZ
    @given(st.sampled_from(targets).flatmap(request_for))
    def fuzz(generated):
        name, path, method, query, body = generated
        check(request(client, method, path, query, body), f"{method} {path}?{query} ({name})")

    fuzz()
