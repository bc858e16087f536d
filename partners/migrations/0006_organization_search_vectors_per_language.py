"""An organization's Spanish search vector reads its Spanish description (English where it
is missing); names and acronyms are the same in every language."""

from django.db import migrations

from campaign.search import vectors_per_language

WEIGHTS = {"name": "A", "acronym": "A", "description": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_organization_description_per_language"),
    ]

    operations = [
        vectors_per_language("partners_organization", WEIGHTS, translated=("description",))
    ]
