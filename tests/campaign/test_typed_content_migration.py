"""The migration that adds a column per language copies the texts already written into the
English column, so nothing disappears from the pages when it runs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("campaign", "0010_initial_trust_page_texts")]
AFTER = [("campaign", "0011_typed_content_per_language")]


@pytest.mark.django_db(transaction=True)
def test_existing_texts_are_copied_into_the_english_columns():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldPost = old_apps.get_model("campaign", "NewsPost")
    OldPost.objects.create(
        title="Written before", slug="written-before", summary="Old summary", body="Old body"
    )
    old_apps.get_model("campaign", "Audience").objects.create(name="Park rangers", slug="rangers")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    post = new_apps.get_model("campaign", "NewsPost").objects.get(slug="written-before")
    assert (post.title_en, post.summary_en, post.body_en) == (
        "Written before",
        "Old summary",
        "Old body",
    )
    assert post.title_es is None
    audience = new_apps.get_model("campaign", "Audience").objects.get(slug="rangers")
    assert audience.name_en == "Park rangers"
    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
