"""Text search: PostgreSQL full-text search where available, a plain match elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet


def search_text(
    queryset: QuerySet,
    query: str,
    *,
    fields: list[str],
    vector_field: str | None = None,
    candidates: int | None = None,
) -> QuerySet:
    """Rows matching `query` in any of `fields`, ranked best first on PostgreSQL.

    `vector_field` names a stored, GIN-indexed search vector to match and rank against
    instead of building one from `fields` on each query. With `candidates`, only the first
    that many matches in the queryset's own order (newest first, say) are ranked, counted
    and listed: a word found in most rows then costs as much as a rare one, instead of
    ranking every row of the table."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql" and vector_field:
        search = SearchQuery(query, search_type="websearch", config="english")
        matching = queryset.filter(**{vector_field: search})
        if candidates:
            first = matching.values("pk")[:candidates]
            matching = queryset.filter(pk__in=first)
        return matching.annotate(search_rank=SearchRank(F(vector_field), search)).order_by(
            "-search_rank", *queryset.query.order_by
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
