"""The audit trail in the admin: form saves are logged, each record's History lists its
log, and the whole log is a read-only list searchable by person, record and action."""

import pytest
from django.urls import reverse

from campaign import services
from campaign.audit import log_action
from campaign.models import AuditEntry, NewsPost
from tests.audit import logged
from tests.factories import NewsPostFactory

pytestmark = pytest.mark.django_db


def test_publishing_and_unpublishing_news_is_logged(campaign_admin):
    post = NewsPostFactory(status="draft", published_at=None)
    services.publish_news(posts=NewsPost.objects.all(), published_by=campaign_admin)
    services.unpublish_news(posts=NewsPost.objects.all(), unpublished_by=campaign_admin)
    assert logged(post) == [
        ("campaign.news.publish", campaign_admin, ""),
        ("campaign.news.unpublish", campaign_admin, ""),
    ]


def test_adding_changing_and_deleting_a_news_post_in_the_admin_is_logged(
    admin_client, campaign_admin
):
    fields = {"title_en": "Harbor week", "slug": "harbor-week", "summary_en": "S",
              "body_en": "B", "status": "draft"}  # fmt: skip
    admin_client.post(reverse("admin:campaign_newspost_add"), fields)
    post = NewsPost.objects.get(slug="harbor-week")
    admin_client.post(
        reverse("admin:campaign_newspost_change", args=[post.pk]),
        {**fields, "title_en": "Harbor week 2026"},
    )
    admin_client.post(reverse("admin:campaign_newspost_delete", args=[post.pk]), {"post": "yes"})
    entries = AuditEntry.objects.filter(target_id=str(post.pk)).order_by("created_at", "id")
    assert [(e.action, e.actor) for e in entries] == [
        ("campaign.newspost.add", campaign_admin),
        ("campaign.newspost.change", campaign_admin),
        ("campaign.newspost.delete", campaign_admin),
    ]
    assert entries[1].data["changes"] == [{"changed": {"fields": ["Title [en]"]}}]


def test_a_records_history_page_lists_its_log_in_a_fixed_number_of_queries(
    admin_client, campaign_admin, django_assert_num_queries
):
    post = NewsPostFactory()
    other = NewsPostFactory()
    log_action(actor=None, action="campaign.news.unpublish", target=other, reason="not this")
    url = reverse("admin:campaign_newspost_history", args=[post.pk])
    for count in (1, 3):
        while AuditEntry.objects.filter(target_id=str(post.pk)).count() < count:
            log_action(actor=campaign_admin, action="campaign.news.publish", target=post)
        admin_client.get(url)
        with django_assert_num_queries(7):
            page = admin_client.get(url).content.decode()
        assert page.count("campaign.news.publish") == count and "not this" not in page
    assert reverse("admin:campaign_auditentry_changelist") in page


def test_the_global_log_is_searchable_filterable_and_read_only(
    admin_client, campaign_admin, django_assert_num_queries
):
    post = NewsPostFactory(title="Harbor week")
    log_action(actor=campaign_admin, action="campaign.news.publish", target=post, reason="ok")
    log_action(actor=None, action="training.session.cancel", target=None)
    url = reverse("admin:campaign_auditentry_changelist")
    for query, shown, hidden in [
        ("?q=admin@example.org", "campaign.news.publish", "training.session.cancel"),
        ("?q=Harbor", "campaign.news.publish", "training.session.cancel"),
        ("?action=training.session.cancel", "training.session.cancel", "Harbor week"),
        ("?q=publish", "Harbor week", "training.session.cancel"),
    ]:
        page = admin_client.get(url + query).content.decode()
        results = page.split('id="result_list"')[1].split("</table>")[0]
        assert shown in results and hidden not in results, query
    assert reverse("admin:campaign_newspost_change", args=[post.pk]) in page
    # The action filter offers each code in the log.
    whole = admin_client.get(url).content.decode()
    assert "?action=campaign.news.publish" in whole
    assert "?action=training.session.cancel" in whole
    assert admin_client.get(reverse("admin:campaign_auditentry_add")).status_code == 403
    entry = AuditEntry.objects.first()
    change = admin_client.post(
        reverse("admin:campaign_auditentry_change", args=[entry.pk]), {"reason": "rewritten"}
    )
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.reason != "rewritten"
