"""Campaign admins run news, reported figures and the action plan from the admin."""

import pytest
from django.urls import reverse

from campaign.models import NewsPost
from tests.factories import (
    ActionItemFactory,
    ImpactFigureFactory,
    NewsPostFactory,
    OrganizationFactory,
    PlanObjectiveFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_pages_open(admin_client):
    post = NewsPostFactory()
    figure = ImpactFigureFactory()
    item = ActionItemFactory()
    pages = [
        reverse("admin:campaign_newspost_changelist"),
        reverse("admin:campaign_newspost_change", args=[post.pk]),
        reverse("admin:campaign_newspost_add"),
        reverse("admin:campaign_impactfigure_changelist"),
        reverse("admin:campaign_impactfigure_change", args=[figure.pk]),
        reverse("admin:campaign_plangoal_change", args=[item.objective.goal.pk]),
        reverse("admin:campaign_planobjective_change", args=[item.objective.pk]),
        reverse("admin:campaign_actionitem_changelist"),
    ]
    for url in pages:
        assert admin_client.get(url).status_code == 200, url


def test_change_form_links_to_the_preview(admin_client):
    draft = NewsPostFactory(status="draft", published_at=None)
    page = admin_client.get(reverse("admin:campaign_newspost_change", args=[draft.pk]))
    assert reverse("news-preview", args=[draft.slug]) in page.content.decode()
    assert admin_client.get(reverse("news-preview", args=[draft.slug])).status_code == 200


def test_publish_and_unpublish_actions(admin_client):
    drafts = NewsPostFactory.create_batch(2, status="draft", published_at=None)
    url = reverse("admin:campaign_newspost_changelist")
    response = admin_client.post(
        url,
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    )
    assert "2 post(s) published." in response.content.decode()
    assert NewsPost.objects.filter(status="published").count() == 2
    assert admin_client.get(drafts[0].get_absolute_url()).status_code == 200
    admin_client.post(url, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert NewsPost.objects.get(pk=drafts[0].pk).status == "draft"


def test_objective_page_edits_its_action_items_inline(admin_client):
    objective = PlanObjectiveFactory()
    lead = OrganizationFactory()
    url = reverse("admin:campaign_planobjective_change", args=[objective.pk])
    response = admin_client.post(
        url,
        {
            "goal": objective.goal.pk,
            "number": objective.number,
            "title_en": objective.title,
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-title_en": "Produce a T visa resource guide",
            "items-0-lead_organization": lead.pk,
            "items-0-status": "in_progress",
            "items-0-due_on": "2017-12-31",
            "items-0-position": "0",
        },
    )
    assert response.status_code == 302
    item = objective.items.get()
    assert (item.title, item.lead_organization, item.status) == (
        "Produce a T visa resource guide",
        lead,
        "in_progress",
    )


def test_people_without_mfa_cannot_reach_the_campaign_admin(client):
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    response = client.get(reverse("admin:campaign_newspost_changelist"))
    assert response.status_code == 302


def test_a_post_saved_as_published_without_a_date_is_dated_now(admin_client):
    response = admin_client.post(
        reverse("admin:campaign_newspost_add"),
        {
            "title_en": "Partnership with the Department of Education",
            "slug": "education-partnership",
            "summary_en": "Indicator training for schools.",
            "body_en": "Text",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    post = NewsPost.objects.get(slug="education-partnership")
    assert post.published_at is not None and post.is_public
