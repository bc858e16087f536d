"""Each test starts from the database as migrated, whatever ran before it on its worker."""

import pytest
from django.core.management import call_command

from campaign.models import Audience, ContentPage, Pillar


def migrated_rows() -> dict[str, list[tuple]]:
    return {
        "pillars": list(Pillar.objects.order_by("pk").values_list("pk", "slug", "name_es")),
        "audiences": list(Audience.objects.order_by("pk").values_list("pk", "slug")),
        "pages": list(
            ContentPage.objects.order_by("pk").values_list("pk", "slug", "title_en", "body_es")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_the_flush_ending_a_transactional_test_leaves_the_migrated_rows():
    before = migrated_rows()
    assert all(before.values()), before
    Pillar.objects.filter(slug="prevention").delete()
    # What TransactionTestCase does when a test with transaction=True ends.
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    assert migrated_rows() == before
