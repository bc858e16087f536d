"""The first texts of the about, privacy, accessibility and contact pages (admins edit them
afterwards), from campaign.page_texts."""

from django.db import migrations

from campaign.page_texts import ENGLISH, initial_fields


def add_pages(apps, schema_editor):
    ContentPage = apps.get_model("campaign", "ContentPage")
    for slug in ENGLISH:
        ContentPage.objects.get_or_create(slug=slug, defaults=initial_fields(slug))


def remove_pages(apps, schema_editor):
    apps.get_model("campaign", "ContentPage").objects.filter(slug__in=ENGLISH).delete()


class Migration(migrations.Migration):
    dependencies = [("campaign", "0009_trust_pages_and_stored_search_vectors")]

    operations = [migrations.RunPython(add_pages, remove_pages)]
