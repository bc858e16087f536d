"""A course's Spanish search vector reads its Spanish texts (English where one is missing),
its English vector the English ones."""

from django.db import migrations

from campaign.search import vectors_per_language

WEIGHTS = {"title": "A", "summary": "B", "description": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0010_session_minimum_enrollment_and_decision_date"),
    ]

    operations = [vectors_per_language("training_course", WEIGHTS, translated=tuple(WEIGHTS))]
