"""Text search: PostgreSQL full-text search where available, a plain match elsewhere."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.backends.ddl_references import Statement
from django.db.models import Count, F, Q, QuerySet, Value, Window

from campaign.lookups import AnyOf
from campaign.typed_content import searchable_columns


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
    ranking every row of the table. The candidates are read when this is called."""
    query = query.strip()
    if not query:
        return queryset
    fields = searchable_columns(queryset.model, fields)
    if connection.vendor == "postgresql" and vector_field:
        search = SearchQuery(query, search_type="websearch", config="english")
        matching = queryset.filter(**{vector_field: search})
        if candidates:
            # Read once, here: the page then counts, groups and lists these ids, instead of
            # running the search again in each of its queries.
            first = list(matching.values_list("pk", flat=True)[:candidates])
            matching = queryset.filter(AnyOf(F("pk"), first))
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


def search_indexes(prefix: str, languages: tuple[str, ...] = ("en", "es")) -> list:
    """GIN indexes on the stored vectors `search_<language>` (see `stored_vectors_sql`)."""
    return [
        SearchIndex(fields=[f"search_{code}"], name=f"{prefix}_search_{code}")
        for code in languages
    ]


def stored_vectors_sql(
    table: str,
    weighted: dict[str, str],
    languages: tuple[str, ...] = ("en", "es"),
    translated: tuple[str, ...] = (),
) -> tuple[str, str]:
    """(create, drop) SQL for a PostgreSQL trigger that keeps each `search_<language>`
    column current from the `weighted` columns ({column: "A"|"B"|"C"|"D"}), and fills it
    for the rows already there. A stored vector is ranked without re-reading the text.

    The `translated` columns have one column per language (`title_en`, `title_es`, see
    campaign.typed_content): each language's vector reads its own column, or the original
    (English) one where that is empty, as the page shows it."""

    def text(column: str, code: str) -> str:
        if column not in translated:
            return f"NEW.{column}"
        return f"coalesce(nullif(NEW.{column}_{code}, ''), NEW.{column})"

    watched = [
        *weighted,
        *(f"{column}_{code}" for column in weighted if column in translated for code in languages),
    ]
    columns = ", ".join(watched)
    function = f"{table}_search_update"
    assignments = "\n".join(
        f"  NEW.search_{code} := "
        + " || ".join(
            f"setweight(to_tsvector('{CONFIGS[code]}', coalesce({text(column, code)}, '')),"
            f" '{weight}')"
            for column, weight in weighted.items()
        )
        + ";"
        for code in languages
    )
    # Names come from the migrations that call this, never from input.
    create = f"""
CREATE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
{assignments}
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_search BEFORE INSERT OR UPDATE OF {columns}
  ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();
UPDATE {table} SET {next(iter(weighted))} = {next(iter(weighted))};
"""  # noqa: S608
    drop = f"""
DROP TRIGGER IF EXISTS {table}_search ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return create, drop


def on_postgresql(sql: str):
    """A RunPython step that runs `sql` on PostgreSQL only (SQLite searches plainly)."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def vectors_per_language(table: str, weighted: dict[str, str], translated: tuple[str, ...]):
    """A migration step that re-installs `table`'s trigger (see `stored_vectors_sql`) so
    each language's vector reads the `translated` columns in that language; reversible."""
    from django.db.migrations import RunPython

    one_column = stored_vectors_sql(table, weighted)
    per_language = stored_vectors_sql(table, weighted, translated=translated)
    return RunPython(
        on_postgresql(one_column[1] + per_language[0]),
        on_postgresql(per_language[1] + one_column[0]),
    )


def ranked_search(
    queryset: QuerySet,
    query: str,
    *,
    fields: list[str],
    language: str | None,
    vector_fields: dict[str, str] | None = None,
    within_first: int | None = None,
) -> QuerySet:
    """Rows matching `query`, each with `search_rank`, in the language's configuration.

    On PostgreSQL the row's stored vector for the language (`vector_fields`, by default
    `search_en` / `search_es`, GIN-indexed) is matched and ranked. Elsewhere a row
    matches when any of `fields` contains the query, ranked 0.

    With `within_first`, only the first that many matches the index gives are ranked: a
    common word matches half the rows, and ranking them all is what takes the time."""
    query = query.strip()
    if connection.vendor != "postgresql":
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": query})
        matches = queryset.filter(condition)
        if within_first is not None:
            matches = queryset.filter(pk__in=matches.order_by().values("pk")[:within_first])
        return matches.annotate(search_rank=Value(0.0))
    config = config_for(language)
    code = next(code for code, name in CONFIGS.items() if name == config)
    vector = F((vector_fields or {}).get(code, f"search_{code}"))
    search = SearchQuery(query, search_type="websearch", config=config)
    matches = queryset.annotate(search_vector_matched=vector).filter(search_vector_matched=search)
    if within_first is not None:
        first = matches.order_by().values("pk")[:within_first]
        matches = queryset.filter(pk__in=first)
    return matches.annotate(search_rank=SearchRank(vector, search))


def top_with_total(queryset: QuerySet, *, limit: int) -> tuple[list, int]:
    """The first `limit` rows of `queryset` and how many rows it has, in one query (the
    total is a window count, taken before the limit)."""
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[:limit])
    return rows, rows[0].search_total if rows else 0


class SearchVectors(models.Model):
    """The stored vectors `search_en` and `search_es` of a searchable record, kept current
    on PostgreSQL by the trigger `stored_vectors_sql` makes (empty on SQLite)."""

    search_en = SearchVectorField(null=True, editable=False)
    search_es = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True
