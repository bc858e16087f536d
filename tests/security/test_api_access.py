"""The completions API and its pages, asked by every kind of person, with and without a
token: a session opens nothing of the API, a token opens its own organization and the
organizations below it, and another organization's token gets nothing of this one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import attended, make_api_token
from tests.security.test_partners_access import ROLES

pytestmark = pytest.mark.django_db

SINCE = (timezone.localdate() - timedelta(days=30)).isoformat()


def completions(client, secret: str | None = None, query: str = f"since={SINCE}"):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(f"{reverse('api-v1:completions')}?{query}", headers=headers)


@pytest.mark.parametrize("role", ROLES)
def test_without_a_token_the_api_answers_401_to_everyone(client, partners, sign_in_as, role):
    attended(partners.police_staff)
    sign_in_as(role)
    for query in [f"since={SINCE}", f"since={SINCE}&format=csv", ""]:
        response = completions(client, query=query)
        assert response.status_code == 401, (role, query)
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("role", ROLES)
def test_the_schema_and_the_documentation_are_open_to_everyone(client, sign_in_as, role):
    sign_in_as(role)
    assert client.get(reverse("api-v1:openapi-json")).status_code == 200
    assert client.get(reverse("api-docs")).status_code == 200
    assert client.get("/es/api/").status_code == 200
    assert client.get(reverse("api-v1:api-root")).status_code == 404


# Which organizations' people each organization's token reads.
READS = {
    "police": {"police"},
    "city": {"city", "police"},
    "other": {"other"},
}


@pytest.mark.parametrize("holder", sorted(READS))
@pytest.mark.parametrize("role", ["anonymous", "other_coordinator", "campaign_admin"])
def test_a_token_reads_its_organization_and_those_below_it_only(
    client, partners, sign_in_as, holder, role
):
    """Whoever sends it (signed in as anyone, or not), a token's answer is its
    organization's: another organization's token gets nothing of this one."""
    from tests.factories import MembershipFactory

    people = {
        "police": partners.police_staff,
        "city": MembershipFactory(organization=partners.city).user,
        "other": MembershipFactory(organization=partners.other).user,
    }
    for person in people.values():
        attended(person)
    makers = {
        "police": partners.police_coordinator,
        "city": partners.city_coordinator,
        "other": partners.other_coordinator,
    }
    _token, secret = make_api_token(getattr(partners, holder), created_by=makers[holder])
    sign_in_as(role)
    for query in [f"since={SINCE}", f"since={SINCE}&format=csv"]:
        response = completions(client, secret, query)
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        for name, person in people.items():
            assert (person.email in body) == (name in READS[holder]), (holder, name, query)
