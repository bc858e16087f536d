"""A course's Spanish search vector reads its Spanish texts (English where one is missing),
its English vector the English ones."""

from django.db import migrations

from campaign.search import on_postgresql, stored_vectors_sql

WEIGHTS = {"title": "A", "summary": "B", "description": "C"}
ONE_COLUMN = stored_vectors_sql("training_course", WEIGHTS)
PER_LANGUAGE = stored_vectors_sql("training_course", WEIGHTS, translated=tuple(WEIGHTS))


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0010_session_minimum_enrollment_and_decision_date"),
    ]

    operations = [
        migrations.RunPython(
            on_postgresql(ONE_COLUMN[1] + PER_LANGUAGE[0]),
            on_postgresql(PER_LANGUAGE[1] + ONE_COLUMN[0]),
        ),
    ]
