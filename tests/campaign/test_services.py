"""Publishing and unpublishing news posts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaign import services
from campaign.models import NewsPost
from tests.factories import NewsPostFactory

pytestmark = pytest.mark.django_db


def test_publish_dates_undated_drafts_keeps_scheduled_dates_and_skips_published():
    draft = NewsPostFactory(status="draft", published_at=None)
    later = timezone.now() + timedelta(days=3)
    scheduled = NewsPostFactory(status="draft", published_at=later)
    already = NewsPostFactory()
    before = timezone.now()
    published = services.publish_news(posts=NewsPost.objects.all(), published_by=None)
    assert {p.pk for p in published} == {draft.pk, scheduled.pk}
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.status == "published" and draft.published_at >= before
    assert scheduled.published_at == later and not scheduled.is_public
    assert NewsPost.objects.get(pk=already.pk).published_at == already.published_at


def test_unpublish_takes_posts_back_to_draft_and_keeps_their_date():
    post = NewsPostFactory()
    draft = NewsPostFactory(status="draft", published_at=None)
    unpublished = services.unpublish_news(posts=NewsPost.objects.all(), unpublished_by=None)
    assert [p.pk for p in unpublished] == [post.pk]
    post.refresh_from_db()
    assert post.status == "draft" and post.published_at is not None and not post.is_public
    assert NewsPost.objects.get(pk=draft.pk).status == "draft"


def test_a_published_post_without_a_date_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        NewsPostFactory(status="published", published_at=None)
