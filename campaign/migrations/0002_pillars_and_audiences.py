"""The campaign's four pillars and a starting list of audiences (admins edit the list)."""

from django.db import migrations

PILLARS = [
    (
        "Prevention",
        "prevention",
        "Public awareness at home and abroad, so that more people recognize trafficking and "
        "report it, and fewer fall for a trafficker's false promises.",
    ),
    (
        "Protection",
        "protection",
        "Help for victims: immigration relief such as Continued Presence and T and U visas, "
        "victim assistance specialists, and materials that explain victims' rights.",
    ),
    (
        "Prosecution",
        "prosecution",
        "Training for federal, state, local, tribal and international officers to recognize "
        "the indicators and build cases that hold traffickers to account.",
    ),
    (
        "Partnerships",
        "partnerships",
        "The fourth P: government at every level, non-governmental organizations and the "
        "private sector working together, because no agency can end trafficking alone.",
    ),
]

AUDIENCES = [
    ("Law enforcement", "law-enforcement"),
    ("First responders", "first-responders"),
    ("Code enforcement", "code-enforcement"),
    ("Educators and school staff", "educators"),
    ("Health care", "health-care"),
    ("Transportation", "transportation"),
    ("Federal employees", "federal-employees"),
    ("Victim service providers", "victim-service-providers"),
    ("General public", "general-public"),
]


def create_vocabularies(apps, schema_editor):
    Pillar = apps.get_model("campaign", "Pillar")
    Audience = apps.get_model("campaign", "Audience")
    for position, (name, slug, summary) in enumerate(PILLARS):
        Pillar.objects.update_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "position": position}
        )
    for position, (name, slug) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("campaign", "0001_initial")]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
