"""Campaign pages asked by every kind of person: public pages open to all, previews of drafts
to campaign admins only (404 for anyone else, so a draft's existence does not leak)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import NewsPostFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "signed_in", "staff_without_mfa", "campaign_admin"]


@pytest.fixture
def as_role(client):
    def sign_in(role: str):
        if role == "signed_in":
            client.force_login(UserFactory())
        elif role == "staff_without_mfa":
            client.force_login(StaffUserFactory())
        elif role == "campaign_admin":
            admin = StaffUserFactory()
            TOTP.activate(admin, generate_totp_secret())
            client.force_login(admin)
        return client

    return sign_in


@pytest.mark.parametrize("role", ROLES)
def test_public_campaign_pages_open_to_everyone(as_role, role):
    post = NewsPostFactory()
    client = as_role(role)
    for url in [
        reverse("home"),
        reverse("get-help"),
        reverse("news-list"),
        post.get_absolute_url(),
        reverse("news-rss"),
        reverse("news-atom"),
        reverse("pillar-detail", args=["prevention"]),
        reverse("impact"),
        reverse("impact-csv"),
        reverse("impact-json"),
        reverse("plan"),
        reverse("sitemap"),
        reverse("robots"),
        reverse("search") + "?q=trafficking",
        reverse("about"),
        reverse("privacy"),
        reverse("accessibility"),
        reverse("contact"),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_draft_previews_open_to_campaign_admins_only(as_role, role):
    draft = NewsPostFactory(status="draft", published_at=None)
    client = as_role(role)
    preview = client.get(reverse("news-preview", args=[draft.slug]))
    assert preview.status_code == (200 if role == "campaign_admin" else 404)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/pillars/../admin/",
        "/news/?pillar=%ff&partner=' OR 1=1",
        "/plan/?lead[]=x&status=done&status=x",
        "/impact/?months=-1",
        "/news/feed/rss/?page=x",
    ],
)
def test_odd_requests_never_answer_500(client, url):
    assert client.get(url).status_code in {200, 301, 302, 404}


def test_a_nul_in_a_path_is_refused_before_any_query(client):
    assert client.get("/news/%00/").status_code == 400


def test_pages_answer_405_to_methods_they_do_not_take(client):
    for name in ["news-list", "impact", "plan", "impact-csv"]:
        assert client.post(reverse(name)).status_code == 405
