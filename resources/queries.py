"""Reads that materials pages share, each with a fixed number of queries."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Prefetch, QuerySet, Value, When
from django.utils.translation import get_language

from campaign.access import AnyUser
from campaign.languages import LANGUAGES
from campaign.models import User
from campaign.typed_content import in_page_language
from resources import access
from resources.models import MaterialOrder, OrderItem, Resource

LANGUAGE_NAMES = dict(LANGUAGES)


def visible_resources(user) -> QuerySet[Resource]:
    """Published materials this person may see, with what a list shows of each."""
    return Resource.objects.filter(
        published=True, visibility__in=visibilities_for(user)
    ).select_related("publisher")


def visitor_language_first(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """The same materials, those in the page's language first (each part keeping the order
    it had), when the page is in another language than English, which most are in."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return resources
    in_language = Case(When(language=language, then=Value(0)), default=Value(1))
    return resources.alias(other_language=in_language).order_by(
        "other_language", *resources.query.order_by
    )


def featured_materials(limit: int = 3) -> list[Resource]:
    """Published public materials marked featured, most downloaded first (for the home page)."""
    return list(
        Resource.objects.filter(
            published=True, featured=True, visibility=Resource.Visibility.PUBLIC
        ).order_by("-download_count", "title")[:limit]
    )


def published_by(organization, user) -> QuerySet[Resource]:
    return visible_resources(user).filter(publisher=organization).order_by("title")


def materials_of_course(course, user) -> list[Resource]:
    return list(visible_resources(user).filter(courses=course).order_by("title"))


def resource_detail(slug: str, user) -> Resource:
    """One visible material with its audiences, pillars, courses and other languages."""
    visible = visible_resources(user)
    # Courses by the relation only: training sits above resources.
    course_model = Resource._meta.get_field("courses").related_model
    return (
        visible.prefetch_related(
            "audiences",
            "pillars",
            Prefetch(
                "courses",
                queryset=course_model.objects.filter(published=True).order_by("title"),
                to_attr="published_courses",
            ),
        )
        .select_related("translation_group")
        .get(slug=slug)
    )


def translations_of(resource: Resource, user) -> list[Resource]:
    """The same material in its other languages that this person may see."""
    if resource.translation_group_id is None:
        return []
    return list(
        visible_resources(user)
        .filter(translation_group_id=resource.translation_group_id)
        .exclude(pk=resource.pk)
        .order_by("language")
    )


@dataclass
class FacetValue:
    param: str
    value: str
    label: str
    count: int


# Thousands of organizations publish at scale; the facet lists the busiest ones (search
# or an organization's page finds the others).
PUBLISHER_FACET_LIMIT = 15


def facets(resources: QuerySet[Resource]) -> dict[str, list[FacetValue]]:
    """Counts of the given materials by kind, audience, pillar, language and publisher (the
    PUBLISHER_FACET_LIMIT busiest): five queries whatever the number of materials."""
    ids = resources.order_by().values("pk")
    kinds = dict(Resource.Kind.choices)
    result = {
        "kind": [
            FacetValue("kind", row["kind"], kinds.get(row["kind"], row["kind"]), row["n"])
            for row in Resource.objects.filter(pk__in=ids)
            .values("kind")
            .annotate(n=Count("pk"))
            .order_by("kind")
        ],
        "language": [
            FacetValue(
                "language", row["language"], LANGUAGE_NAMES.get(row["language"], ""), row["n"]
            )
            for row in Resource.objects.filter(pk__in=ids)
            .values("language")
            .annotate(n=Count("pk"))
            .order_by("language")
        ],
        "publisher": [
            FacetValue("publisher", row["publisher__slug"], row["publisher__name"], row["n"])
            for row in Resource.objects.filter(pk__in=ids, publisher__isnull=False)
            .values("publisher__slug", "publisher__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "publisher__name")[:PUBLISHER_FACET_LIMIT]
        ],
    }
    for name, through, field in [
        ("audience", Resource.audiences.through, "audience"),
        ("pillar", Resource.pillars.through, "pillar"),
    ]:
        result[name] = [
            FacetValue(name, row[f"{field}__slug"], row["label"], row["n"])
            for row in through.objects.filter(resource__in=ids)
            .values(f"{field}__slug", f"{field}__name", f"{field}__position")
            .annotate(label=in_page_language(f"{field}__name"), n=Count("resource_id"))
            .order_by(f"{field}__position", f"{field}__name")
        ]
    return result


def orders_of(user: User) -> QuerySet[MaterialOrder]:
    """A person's print orders, newest first, with their items and materials."""
    return MaterialOrder.objects.filter(requester=user).prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.select_related("resource"))
    )


def orderable_resources(user) -> QuerySet[Resource]:
    return visible_resources(user).filter(orderable=True).order_by("title")


def last_shipping_address(user: User) -> str:
    order = MaterialOrder.objects.filter(requester=user).order_by("-submitted_at").first()
    return order.shipping_address if order else ""


def visibilities_for(user: AnyUser) -> list[str]:
    """The visibilities of the materials this person may see."""
    if access.is_active_partner(user):
        return [Resource.Visibility.PUBLIC, Resource.Visibility.PARTNERS]
    return [Resource.Visibility.PUBLIC]


# Facet counts group 100,000 materials five ways (about half a second at scale), so they are
# kept in the cache per query; every change to a material, its audiences or pillars, or an
# organization (a publisher's name) bumps the catalog version, which retires them all.
CATALOG_VERSION_KEY = "resources.catalog-version"
FACETS_MAX_AGE = 60 * 60


def bump_catalog_version() -> None:
    """Retires every cached facet count (called on each change to what they count)."""
    try:
        cache.incr(CATALOG_VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted)
        cache.set(CATALOG_VERSION_KEY, 1, None)


def cached_facets(resources: QuerySet[Resource]) -> dict[str, list[FacetValue]]:
    """`facets` of these materials, from the cache while the catalog has not changed."""
    if resources.query.is_empty():  # invalid filters: nothing to count, nothing to keep
        return facets(resources)
    version = cache.get_or_set(CATALOG_VERSION_KEY, 1, None)
    # The SQL says exactly which materials are counted (filters, search, visibility).
    query = hashlib.sha256(str(resources.order_by().query).encode()).hexdigest()
    # Labels are read in the page's language, so each language keeps its own counts.
    key = f"resources.facets:{version}:{get_language()}:{query}"
    result = cache.get(key)
    if result is None:
        result = facets(resources)
        cache.set(key, result, FACETS_MAX_AGE)
    return result
