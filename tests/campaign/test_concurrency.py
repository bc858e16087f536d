"""Admins publishing the same drafts at once, on PostgreSQL with real transactions.

The first test shows the race with the row lock taken out; the others show the lock letting
exactly one admin publish each post.
"""

import threading

import pytest
from django.db.models import QuerySet

from campaign import services
from campaign.models import NewsPost
from tests.concurrency import requires_postgres, run_in_parallel, saving_waits_for_the_other
from tests.factories import NewsPostFactory

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def publish_twice_at_once(post: NewsPost) -> list:
    return run_in_parallel(
        *[
            lambda: services.publish_news(
                posts=NewsPost.objects.filter(pk=post.pk), published_by=None
            )
        ]
        * 2
    )


def test_without_the_lock_two_admins_both_publish_the_same_draft(monkeypatch):
    draft = NewsPostFactory(status="draft", published_at=None)
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kwargs: self)
    with saving_waits_for_the_other(NewsPost):
        results = publish_twice_at_once(draft)
    assert [len(r) for r in results] == [1, 1]


def test_with_the_lock_the_second_admin_finds_the_post_already_published():
    draft = NewsPostFactory(status="draft", published_at=None)
    with saving_waits_for_the_other(NewsPost):
        results = publish_twice_at_once(draft)
    assert sorted(len(r) for r in results) == [0, 1]


def test_each_draft_is_published_by_exactly_one_of_several_admins_at_once():
    drafts = NewsPostFactory.create_batch(3, status="draft", published_at=None)
    admins = 4
    barrier = threading.Barrier(admins, timeout=5)

    def publish():
        barrier.wait()
        return services.publish_news(
            posts=NewsPost.objects.filter(status="draft"), published_by=None
        )

    results = run_in_parallel(*[publish] * admins)
    assert not [r for r in results if isinstance(r, Exception)], results
    published = [post.pk for result in results for post in result]
    assert sorted(published) == sorted(d.pk for d in drafts)
    assert not NewsPost.objects.filter(published_at__isnull=True).exists()
