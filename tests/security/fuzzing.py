"""What the fuzz test sends: nasty values, query strings and form bodies built from them,
and every URL pattern of the portal with its path parameters filled, from real objects or
generated."""

import re
from urllib.parse import quote, quote_plus

from django.apps import apps
from django.conf import settings as django_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from hypothesis import strategies as st

# Markup with both quotes: it must never come back as markup in an HTML page.
MARKER = '"\'><x-fuzz data-q="1">'

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
    "since",
    "format",
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
