"""Each language's stored search vector reads that language's columns: the Spanish vector of
a news post or a trust page is built from its Spanish texts (English where one is missing)."""

from django.db import migrations

from campaign.search import on_postgresql, stored_vectors_sql

WEIGHTS = {"title": "A", "summary": "B", "body": "C"}
TABLES = ["campaign_newspost", "campaign_contentpage"]
ONE_COLUMN = {table: stored_vectors_sql(table, WEIGHTS) for table in TABLES}
PER_LANGUAGE = {
    table: stored_vectors_sql(table, WEIGHTS, translated=tuple(WEIGHTS)) for table in TABLES
}


def replace(old: dict, new: dict) -> str:
    return "".join(old[table][1] + new[table][0] for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [("campaign", "0012_content_page_texts_per_language")]

    operations = [
        migrations.RunPython(
            on_postgresql(replace(ONE_COLUMN, PER_LANGUAGE)),
            on_postgresql(replace(PER_LANGUAGE, ONE_COLUMN)),
        ),
    ]
