"""Every coordinator page, asked by every kind of person.

Anonymous → sign-in; only the organization's coordinators, coordinators of an ancestor and
campaign admins get in; anyone else gets 403, or 404 when the organization is not public.
"""

import pytest
from django.urls import reverse

from partners import services
from partners.models import Invitation, Membership
from tests.factories import OrganizationFactory, UserFactory, make_api_token

pytestmark = pytest.mark.django_db

ALLOWED = {"coordinator", "parent_coordinator", "campaign_admin"}
ROLES = [
    "anonymous",
    "outsider",
    "staff",
    "coordinator",
    "other_coordinator",
    "parent_coordinator",
    "campaign_admin",
]


def manage_urls(partners) -> list[tuple[str, str]]:
    """(method, url) for every manage page of the police department."""
    org = partners.police
    request = services.request_membership(user=UserFactory(), organization=org)
    staff = Membership.objects.get(user=partners.police_staff, organization=org)
    services.invite_members(
        organization=org,
        emails=["invitee@example.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    invitation = Invitation.objects.get()
    token, _secret = make_api_token(org, created_by=partners.police_coordinator)
    services.set_webhook(
        organization=org,
        url="http://127.0.0.1:9/hook",
        active=True,
        changed_by=partners.police_coordinator,
    )
    slug = org.slug
    return [
        ("get", reverse("partners:manage-roster", args=[slug])),
        ("get", reverse("partners:manage-roster-csv", args=[slug])),
        ("get", reverse("partners:manage-invitations", args=[slug])),
        ("post", reverse("partners:manage-invitations", args=[slug])),
        ("post", reverse("partners:manage-request-decision", args=[slug, request.pk, "approve"])),
        ("post", reverse("partners:manage-request-decision", args=[slug, request.pk, "decline"])),
        ("post", reverse("partners:manage-member-role", args=[slug, staff.pk])),
        ("post", reverse("partners:manage-member-end", args=[slug, staff.pk])),
        ("post", reverse("partners:manage-invitation-revoke", args=[slug, invitation.pk])),
        ("get", reverse("partners:manage-api-tokens", args=[slug])),
        ("post", reverse("partners:manage-api-tokens", args=[slug])),
        ("post", reverse("partners:manage-api-token-revoke", args=[slug, token.pk])),
        ("get", reverse("partners:manage-webhook", args=[slug])),
        ("post", reverse("partners:manage-webhook", args=[slug])),
        ("post", reverse("partners:manage-webhook-test", args=[slug])),
        ("post", reverse("partners:manage-webhook-secret", args=[slug])),
        ("post", reverse("partners:manage-webhook-remove", args=[slug])),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_manage_pages_answer_by_role(client, partners, sign_in_as, role):
    sign_in_as(role)
    for method, url in manage_urls(partners):
        data = {"emails": "someone@example.org", "role": "staff"} if method == "post" else None
        response = getattr(client, method)(url, data)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("account_login")), url
        elif role in ALLOWED:
            assert response.status_code in {200, 302}, url
            if response.status_code == 302:
                assert "/manage/" in response.url, url
        else:
            assert response.status_code == 403, (role, url)


@pytest.mark.parametrize("role", ["outsider", "other_coordinator"])
def test_a_private_organizations_manage_pages_are_404_to_outsiders(
    client, partners, sign_in_as, role
):
    partners.police.listed = False
    partners.police.save()
    sign_in_as(role)
    for method, url in manage_urls(partners):
        assert getattr(client, method)(url).status_code == 404, url


def test_staff_of_a_private_organization_get_403_not_404(client, partners):
    partners.police.listed = False
    partners.police.save()
    client.force_login(partners.police_staff)
    assert (
        client.get(reverse("partners:manage-roster", args=["springfield-pd"])).status_code == 403
    )


def test_a_staff_user_without_mfa_is_no_campaign_admin(client, partners):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert (
        client.get(reverse("partners:manage-roster", args=["springfield-pd"])).status_code == 403
    )


def test_a_coordinator_of_a_child_cannot_manage_the_parent(client, partners):
    client.force_login(partners.police_coordinator)
    assert client.get(reverse("partners:manage-roster", args=["springfield"])).status_code == 403


def test_an_unknown_organization_is_404(client, partners):
    client.force_login(partners.city_coordinator)
    assert client.get(reverse("partners:manage-roster", args=["nowhere"])).status_code == 404


def test_sub_organizations_two_levels_down_are_managed_from_the_top(client, partners):
    precinct = OrganizationFactory(slug="precinct-3", parent=partners.police)
    client.force_login(partners.city_coordinator)
    assert client.get(reverse("partners:manage-roster", args=[precinct.slug])).status_code == 200


def test_the_last_coordinator_guard_does_not_stop_a_campaign_admin(
    client, partners, campaign_admin
):
    own = Membership.objects.get(user=partners.police_coordinator)
    client.force_login(campaign_admin)
    client.post(
        reverse("partners:manage-member-end", args=["springfield-pd", own.pk]), {"confirmed": "1"}
    )
    own.refresh_from_db()
    assert own.status == "ended"


@pytest.mark.parametrize("role", ROLES)
def test_the_application_page_answers_by_role(client, sign_in_as, role):
    """Anyone may read it; only a signed-in person gets the form and may send it."""
    user = sign_in_as(role)
    url = reverse("partners:apply")
    response = client.get(url)
    assert response.status_code == 200
    assert ('name="organization_name"' in response.content.decode()) == (user is not None)
    sent = client.post(url, {"organization_name": ""})
    if user is None:
        assert sent.status_code == 302 and sent.url.startswith(reverse("account_login"))
    else:
        assert sent.status_code == 200  # the form again, with its errors
