"""A person's own data pages, asked by every kind of person: anonymous visitors are sent to
sign in; everyone signed in gets their own data only; deletion goes through only for the
person's own account, with their password, and never for an organization's only
coordinator or an administrator."""

import json

import pytest
from django.urls import reverse

from campaign.models import User
from tests.factories import DEFAULT_PASSWORD
from tests.security.test_partners_access import ROLES

pytestmark = pytest.mark.django_db

# Each of the partners fixture's coordinators is the only one of their organization.
REFUSED = {"coordinator", "other_coordinator", "parent_coordinator", "campaign_admin"}


def sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
def test_the_download_holds_the_askers_own_data_only(client, sign_in_as, partners, role):
    user = sign_in_as(role)
    response = client.get(reverse("account-data-download"))
    if user is None:
        assert sign_in_redirect(response)
        return
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    assert data["account"]["email"] == user.email
    addresses = {row["email"] for row in data["email_addresses"]}
    assert addresses == {user.email}
    assert client.post(reverse("account-data-download")).status_code == 405


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["account-data", "account-delete"])
def test_the_pages(client, sign_in_as, role, name):
    """Signed in, everyone gets the pages; the deletion form is missing for those refused."""
    user = sign_in_as(role)
    response = client.get(reverse(name))
    if user is None:
        assert sign_in_redirect(response)
        return
    assert response.status_code == 200
    has_form = 'type="password"' in response.content.decode()
    assert has_form == (name == "account-delete" and role not in REFUSED)


@pytest.mark.parametrize("role", ROLES)
def test_deleting_goes_through_only_for_the_askers_own_account_when_allowed(
    client, sign_in_as, partners, role
):
    user = sign_in_as(role)
    response = client.post(reverse("account-delete"), {"password": DEFAULT_PASSWORD})
    if user is None:
        assert sign_in_redirect(response)
        assert not User.objects.filter(is_active=False).exists()
    elif role in REFUSED:
        assert response.status_code == 200
        assert User.objects.get(pk=user.pk).is_active
    else:
        assert response.status_code == 302 and response.url == reverse("home")
        assert list(User.objects.filter(is_active=False)) == [user]
