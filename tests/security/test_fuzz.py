"""Every URL pattern of the portal, fuzzed: no input a browser can send answers 5xx, and
no generated markup comes back unescaped in an HTML page.

The patterns are read from the URL configuration (the portal's own, allauth's and the
admin's), their path parameters filled with real objects and with generated values, and
each is requested by an anonymous visitor, partner staff, a coordinator and a campaign
admin with generated query strings and form bodies (GET and POST).

Each role gets FUZZ_EXAMPLES generated requests (150 by default, spread over all the
patterns); run it longer with, for example,
``FUZZ_EXAMPLES=5000 pytest tests/security/test_fuzz.py``.
"""

import copy
import os
import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote, quote_plus

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
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

# Markup with both quotes: it must never come back as markup in an HTML page.
MARKER = '"\'><x-fuzz data-q="1">'
ROLES = ["anonymous", "staff", "coordinator", "admin"]

# --- Generated values ------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1e308",
    "NaN",
    "inf",
    "9" * 40,
    "-" + "9" * 40,
    str(2**63),
    str(-(2**63) - 1),
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "99999-01-01",
    "2026-11-25T25:61",
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\x7f",
    "\ud800",
    "x\udfffy",
    "\u202eevil\u202c",
    "שלום עולם",
    "مرحبا",
    "\U0001d54f\U0001f642",
    "../../etc/passwd",
    "%00",
    "%ff",
    "a" * 5000,
    MARKER,
    f"<script>{MARKER}</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "' OR 1=1 --",
    "on",
    "true",
    "approve",
]

# Text a person could type; control characters come from NASTY and, rarely, from the last
# branch, since the middleware refuses them before a view sees the rest of the request.
printable_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=30
)
nasty_text = st.one_of(
    st.sampled_from(NASTY),
    printable_text,
    printable_text.map(lambda t: t + MARKER),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat(sep=" ")),
    st.text(st.characters(categories=["Cc", "Cs", "Cf"]), max_size=5),
)

# Field and parameter names the portal's pages use; each page's own form adds its fields.
COMMON_KEYS = [
    "q",
    "page",
    "o",
    "p",
    "e",
    "all",
    "sort",
    "status",
    "kind",
    "audience",
    "pillar",
    "language",
    "publisher",
    "partner",
    "lead",
    "start",
    "end",
    "from",
    "to",
    "code",
    "material",
    "next",
    "email",
    "login",
    "password",
    "name",
    "action",
    "_selected_action",
    "select_across",
    "index",
    "post",
    "reason",
    "role",
    "emails",
    "_popup",
    "_to_field",
    "_changelist_filters",
    "term",
    "app_label",
    "model_name",
    "field_name",
]


def encode(value: str) -> str:
    """Percent-encodes any text, unpaired surrogates too (as the bytes a client could send)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def encode_pairs(pairs: list[tuple[str, str]]) -> str:
    return "&".join(
        f"{quote_plus(k.encode('utf-8', 'surrogatepass'))}="
        f"{quote_plus(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in pairs
    )


def pairs_strategy(keys: list[str]) -> st.SearchStrategy:
    key = st.one_of(st.sampled_from(keys), nasty_text)
    return st.lists(st.tuples(key, nasty_text), max_size=8)


# --- The URL patterns ------------------------------------------------------------------------

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def walk(patterns, chain=(), namespace=""):
    """Every leaf pattern with the chain of patterns that leads to it and its full name."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, (*chain, entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield (*chain, entry.pattern), name


def all_patterns() -> list[tuple[tuple, str]]:
    return list(walk(get_resolver().url_patterns))


def describe(chain) -> str:
    return "".join(
        str(p) if isinstance(p, RoutePattern) else p.regex.pattern.strip("^$") for p in chain
    )


def generated_value(converter: str) -> st.SearchStrategy:
    if converter == "int":
        return st.one_of(
            st.integers(min_value=0, max_value=10**30), st.integers(max_value=-1)
        ).map(str)
    return nasty_text.filter(lambda t: t != "")


def segment_strategy(pattern, real: dict[str, list[str]]) -> st.SearchStrategy:
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        parts: list[st.SearchStrategy] = []
        position = 0
        for match in PARAMETER.finditer(route):
            parts.append(st.just(route[position : match.start()]))
            name, converter = match["name"], match["converter"] or "str"
            candidates = real.get(name, [])
            choices = [generated_value(converter).map(encode)]
            if candidates:
                choices.insert(0, st.sampled_from(candidates).map(encode))
            parts.append(st.one_of(*choices))
            position = match.end()
        parts.append(st.just(route[position:]))
        return st.tuples(*parts).map("".join)
    if isinstance(pattern, LocalePrefixPattern):
        # The language prefix: none (English) or another language's.
        return st.sampled_from(
            ["", *(f"{code}/" for code, _name in django_settings.LANGUAGES[1:])]
        )
    assert isinstance(pattern, RegexPattern)
    regex = pattern.regex.pattern
    if regex in ("", "^"):
        return st.just("")
    return st.from_regex(pattern.regex, fullmatch=True).map(
        lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="/")
    )


def parameter_names(chain) -> list[str] | None:
    """The names of the pattern's path parameters (None if a regular expression has any)."""
    names = []
    for pattern in chain:
        if isinstance(pattern, RegexPattern) and pattern.regex.groupindex:
            return None
        if isinstance(pattern, RoutePattern):
            names += [m["name"] for m in PARAMETER.finditer(str(pattern))]
    return names


def real_paths(chain, real: dict[str, list[str]]) -> list[str]:
    """The pattern's path filled with real objects (several combinations), if it can be."""
    names = parameter_names(chain)
    if names is None:
        return []
    values = {n: admin_object_ids(chain) if n == "object_id" else real.get(n, []) for n in names}
    if any(not v for v in values.values()):
        return []
    paths = []
    for index in range(max((len(v) for v in values.values()), default=1)):
        path = ""
        for pattern in chain:
            text = str(pattern) if isinstance(pattern, RoutePattern) else pattern.regex.pattern
            text = text.lstrip("^").rstrip("$")
            for n, v in values.items():
                text = PARAMETER.sub(
                    lambda m, n=n, v=v, i=index: encode(v[i % len(v)]) if m["name"] == n else m[0],
                    text,
                )
            path += text
        paths.append("/" + path)
    return paths


ADMIN_MODEL_PAGE = re.compile(r"admin/(\w+)/(\w+)/")


def admin_object_ids(chain) -> list[str]:
    """Ids of two real objects for an admin page of a model."""
    match = ADMIN_MODEL_PAGE.match(describe(chain))
    if not match:
        return []
    try:
        model = apps.get_model(*match.groups())
    except LookupError:
        return []
    return [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:2]]


# --- Data -------------------------------------------------------------------------------------


@pytest.fixture
def world(partners, campaign_admin):
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
        "pk": [str(session.pk), str(pending.pk), str(invitation.pk), str(past.pk)],
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
    return SimpleNamespace(real=real, people=people)


def client_as(role: str, people) -> Client:
    client = Client()
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
    client = client_as(role, world.people)
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
