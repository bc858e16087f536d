"""Text search: PostgreSQL full-text search where available, a plain match elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet


def search_text(queryset: QuerySet, query: str, *, fields: list[str]) -> QuerySet:
    """Rows matching `query` in any of `fields`, ranked best first on PostgreSQL."""
    query = query.strip()
    if not query:
        return queryset
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
