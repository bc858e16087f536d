"""Text search: PostgreSQL full-text search where available, a plain match elsewhere."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.backends.ddl_references import Statement
from django.db.models import Count, F, Q, QuerySet, Value, Window


def search_text(
    queryset: QuerySet, query: str, *, fields: list[str], vector_field: str | None = None
) -> QuerySet:
    """Rows matching `query` in any of `fields`, ranked best first on PostgreSQL.

    `vector_field` names a stored, GIN-indexed search vector to match and rank against
    instead of building one from `fields` on each query."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql" and vector_field:
        search = SearchQuery(query, search_type="websearch", config="english")
        return (
            queryset.filter(**{vector_field: search})
            .annotate(search_rank=SearchRank(F(vector_field), search))
            .order_by("-search_rank", *queryset.query.order_by)
        )
    if connection.vendor == "postgresql":
        vector = SearchVector(*fields, config="english")
        search = SearchQuery(query, search_type="websearch", config="english")
        return (
            queryset.annotate(search_rank=SearchRank(vector, search))
            .filter(search_rank__gt=0)
            .order_by("-search_rank", *queryset.query.order_by)
        )
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


# The text-search configuration of each interface language; others fall back to English.
CONFIGS = {"en": "english", "es": "spanish"}


def config_for(language: str | None) -> str:
    return CONFIGS.get((language or "en").split("-")[0], "english")


class SearchIndex(GinIndex):
    """A GIN index of a text-search vector. Only PostgreSQL has one: on SQLite (the demo's
    database) nothing is created, and search there matches plainly."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("")
        return super().remove_sql(model, schema_editor, **kwargs)


def search_indexes(prefix: str, *fields: str, languages: tuple[str, ...] = ("en", "es")):
    """GIN indexes on the vector of `fields` in each language's configuration; a search made
    by `ranked_search` over the same fields matches them."""
    return [
        SearchIndex(SearchVector(*fields, config=CONFIGS[code]), name=f"{prefix}_search_{code}")
        for code in languages
    ]


def ranked_search(
    queryset: QuerySet,
    query: str,
    *,
    fields: list[str],
    language: str | None,
    vector_field: str | None = None,
) -> QuerySet:
    """Rows matching `query`, each with `search_rank`, in the language's configuration.

    On PostgreSQL the vector is built from `fields` exactly as `search_indexes` indexes it,
    so the GIN index answers; `vector_field`, a stored vector in English, is used for English
    searches. Elsewhere a row matches when any field contains the query, ranked 0."""
    query = query.strip()
    if connection.vendor != "postgresql":
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": query})
        return queryset.filter(condition).annotate(search_rank=Value(0.0))
    config = config_for(language)
    search = SearchQuery(query, search_type="websearch", config=config)
    if vector_field and config == "english":
        vector = F(vector_field)
    else:
        vector = SearchVector(*fields, config=config)
    return queryset.annotate(
        search_vector_matched=vector, search_rank=SearchRank(vector, search)
    ).filter(search_vector_matched=search)


def top_with_total(queryset: QuerySet, *, limit: int) -> tuple[list, int]:
    """The first `limit` rows of `queryset` and how many rows it has, in one query (the
    total is a window count, taken before the limit)."""
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[:limit])
    return rows, rows[0].search_total if rows else 0
