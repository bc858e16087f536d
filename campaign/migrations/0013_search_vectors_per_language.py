"""Each language's stored search vector reads that language's columns: the Spanish vector of
a news post or a trust page is built from its Spanish texts (English where one is missing)."""

from django.db import migrations

from campaign.search import vectors_per_language

WEIGHTS = {"title": "A", "summary": "B", "body": "C"}


class Migration(migrations.Migration):
    dependencies = [("campaign", "0012_content_page_texts_per_language")]

    operations = [
        vectors_per_language(table, WEIGHTS, translated=tuple(WEIGHTS))
        for table in ["campaign_newspost", "campaign_contentpage"]
    ]
