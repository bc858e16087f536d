"""Database constraints back every uniqueness rule of partners."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from partners.models import Invitation, Membership
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_one_live_membership_per_user_and_organization():
    membership = MembershipFactory(status="pending")
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=membership.user, organization=membership.organization, status="active"
        )


def test_an_ended_membership_does_not_block_a_new_one():
    membership = MembershipFactory(status="ended")
    again = Membership.objects.create(
        user=membership.user, organization=membership.organization, status="pending"
    )
    assert again.pk != membership.pk


def test_one_open_invitation_per_address_ignoring_case():
    organization = OrganizationFactory()
    expires = timezone.now() + Invitation.VALID_FOR
    Invitation.objects.create(
        organization=organization, email="a@example.org", role="staff", expires_at=expires
    )
    with pytest.raises(IntegrityError):
        Invitation.objects.create(
            organization=organization, email="A@Example.org", role="staff", expires_at=expires
        )


def test_invitation_tokens_are_long_and_unguessable():
    organization = OrganizationFactory()
    expires = timezone.now() + Invitation.VALID_FOR
    tokens = {
        Invitation.objects.create(
            organization=organization, email=f"p{n}@example.org", role="staff", expires_at=expires
        ).token
        for n in range(3)
    }
    assert len(tokens) == 3 and all(len(token) >= 40 for token in tokens)


def test_an_organization_cannot_be_its_own_parent():
    organization = OrganizationFactory()
    organization.parent = organization
    with pytest.raises(IntegrityError):
        organization.save()


def test_reserved_slugs_are_refused():
    organization = OrganizationFactory.build(slug="apply")
    with pytest.raises(ValidationError, match="reserved"):
        organization.full_clean()


def test_invitation_state_follows_its_dates():
    user = UserFactory()
    invitation = Invitation(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    assert invitation.state == "expired"
    invitation.expires_at = timezone.now() + Invitation.VALID_FOR
    assert invitation.state == "open"
    invitation.revoked_at = timezone.now()
    assert invitation.state == "revoked"
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    assert invitation.state == "accepted"
