"""API tokens: made by a coordinator, stored hashed, revoked, each use logged; and the
coordinator's page that makes, shows once, lists and revokes them."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partners import access, queries, services
from partners.api_tokens import ApiToken, TokenUse
from tests.audit import logged
from tests.factories import MembershipFactory, make_api_token

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_as_the_hash_of_its_secret_with_a_visible_prefix(partners):
    token, secret = make_api_token(partners.police, created_by=partners.police_coordinator)
    assert secret.startswith("bcp_") and len(secret) > 40
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert secret.startswith(token.prefix) and len(token.prefix) == 10
    assert queries.token_for_secret(secret) == token
    assert queries.token_for_secret(secret + "x") is None
    assert logged(token) == [("partners.api_token.create", partners.police_coordinator, "")]


def test_only_a_manager_makes_a_token(partners):
    for person in [partners.police_staff, partners.other_coordinator, partners.outsider]:
        with pytest.raises(ValidationError):
            make_api_token(partners.police, created_by=person)
    token, _secret = make_api_token(partners.police, created_by=partners.city_coordinator)
    assert token.organization == partners.police
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("days", [0, -1, 366, 5000])
def test_the_expiry_lies_between_tomorrow_and_a_year_from_now(partners, days):
    with pytest.raises(ValidationError) as refused:
        make_api_token(partners.police, created_by=partners.police_coordinator, days=days)
    assert refused.value.code == "expires_on"
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name_and_an_active_organization(partners):
    with pytest.raises(ValidationError):
        make_api_token(partners.police, created_by=partners.police_coordinator, name="  ")
    partners.police.status = "inactive"
    partners.police.save()
    with pytest.raises(ValidationError):
        make_api_token(partners.police, created_by=partners.police_coordinator)
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_once_and_is_logged(partners):
    token, _secret = make_api_token(partners.police, created_by=partners.police_coordinator)
    with pytest.raises(ValidationError):
        services.revoke_api_token(token=token, revoked_by=partners.other_coordinator)
    services.revoke_api_token(token=token, revoked_by=partners.city_coordinator)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == partners.city_coordinator
    assert not access.token_stands(token)
    with pytest.raises(ValidationError):
        services.revoke_api_token(token=token, revoked_by=partners.police_coordinator)
    assert [entry[0] for entry in logged(token)] == [
        "partners.api_token.create",
        "partners.api_token.revoke",
    ]


def test_a_token_stands_only_while_its_maker_manages_the_organization(partners):
    token, _secret = make_api_token(partners.police, created_by=partners.police_coordinator)
    assert access.token_stands(token)
    token.expires_on = timezone.localdate() - timedelta(days=1)
    assert not access.token_stands(token)
    token.refresh_from_db()
    MembershipFactory(organization=partners.police, role="coordinator")
    membership = partners.police_coordinator.memberships.get()
    services.end_membership(membership=membership, ended_by=partners.city_coordinator)
    token = queries.token_for_secret(_secret)
    assert not access.token_stands(token)


def test_each_use_is_recorded_and_old_uses_are_trimmed(partners):
    token, _secret = make_api_token(partners.police, created_by=partners.police_coordinator)
    old = services.record_token_use(token=token, path="/api/v1/completions", status=200, rows=3)
    TokenUse.objects.filter(pk=old.pk).update(used_at=timezone.now() - timedelta(days=100))
    services.record_token_use(token=token, path="/api/v1/completions?page=2", status=429, rows=0)
    token.refresh_from_db()
    assert token.last_used_at is not None
    from partners.jobs import trim_api_token_uses

    assert trim_api_token_uses() == "1 API token use(s) trimmed."
    assert list(TokenUse.objects.values_list("status", "rows")) == [(429, 0)]


# --- The coordinator's page -------------------------------------------------------------------


def tokens_url(partners) -> str:
    return reverse("partners:manage-api-tokens", args=[partners.police.slug])


def ask_the_page_for_a_token(client, partners, *, name: str, days: int):
    """The police coordinator asks the tokens page for a token lasting `days` from today."""
    client.force_login(partners.police_coordinator)
    expires = timezone.localdate() + timedelta(days=days)
    return client.post(tokens_url(partners), {"name": name, "expires_on": expires.isoformat()})


def test_the_page_makes_a_token_and_shows_its_secret_once(client, partners):
    response = ask_the_page_for_a_token(client, partners, name="Learning system", days=60)
    assert response.status_code == 302
    token = ApiToken.objects.get()
    page = client.get(tokens_url(partners))
    secret = page.context["new_secret"]
    assert queries.token_for_secret(secret) == token
    assert secret in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    again = client.get(tokens_url(partners)).content.decode()
    assert secret not in again
    assert token.prefix in again and "Learning system" in again


def test_the_page_shows_a_refused_expiry_on_its_field(client, partners):
    response = ask_the_page_for_a_token(client, partners, name="HR", days=400)
    assert response.status_code == 200
    assert "a year at most" in " ".join(response.context["form"].errors["expires_on"])
    assert not ApiToken.objects.exists()


def test_revoking_from_the_page_asks_first(client, partners):
    token, _secret = make_api_token(partners.police, created_by=partners.police_coordinator)
    client.force_login(partners.police_coordinator)
    url = reverse("partners:manage-api-token-revoke", args=[partners.police.slug, token.pk])
    asked = client.post(url)
    assert asked.status_code == 200 and b"Revoke the token" in asked.content
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_organizations_token_cannot_be_revoked_through_this_one(client, partners):
    token, _secret = make_api_token(partners.other, created_by=partners.other_coordinator)
    client.force_login(partners.police_coordinator)
    url = reverse("partners:manage-api-token-revoke", args=[partners.police.slug, token.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
