"""An organization's Spanish search vector reads its Spanish description (English where it
is missing); names and acronyms are the same in every language."""

from django.db import migrations

from campaign.search import on_postgresql, stored_vectors_sql

WEIGHTS = {"name": "A", "acronym": "A", "description": "C"}
ONE_COLUMN = stored_vectors_sql("partners_organization", WEIGHTS)
PER_LANGUAGE = stored_vectors_sql("partners_organization", WEIGHTS, translated=("description",))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_organization_description_per_language"),
    ]

    operations = [
        migrations.RunPython(
            on_postgresql(ONE_COLUMN[1] + PER_LANGUAGE[0]),
            on_postgresql(PER_LANGUAGE[1] + ONE_COLUMN[0]),
        ),
    ]
