"""Each partners service records who did what to which record, and why, in the audit log."""

import pytest
from allauth.account.models import EmailAddress

from partners import services
from partners.models import Invitation, Membership
from tests.audit import logged
from tests.factories import APPLICATION, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_application_is_logged_when_submitted_approved_or_rejected(campaign_admin):
    applicant = UserFactory()
    approved = services.submit_application(applicant=applicant, **APPLICATION)
    organization = services.approve_application(application=approved, decided_by=campaign_admin)
    rejected = services.submit_application(
        applicant=applicant, **{**APPLICATION, "organization_name": "Another Office"}
    )
    services.reject_application(application=rejected, decided_by=campaign_admin, reason="Dup.")
    assert logged(approved) == [
        ("partners.application.submit", applicant, ""),
        ("partners.application.approve", campaign_admin, ""),
    ]
    assert logged(organization) == [("partners.organization.create", campaign_admin, "")]
    assert logged(rejected)[-1] == ("partners.application.reject", campaign_admin, "Dup.")


def test_join_requests_and_their_answers_are_logged_with_who_decided():
    organization = OrganizationFactory()
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    asking, declined = UserFactory(), UserFactory()
    approved = services.request_membership(user=asking, organization=organization)
    services.approve_membership(membership=approved, decided_by=coordinator)
    refused = services.request_membership(user=declined, organization=organization)
    services.decline_membership(membership=refused, decided_by=coordinator)
    assert logged(approved) == [
        ("partners.membership.request", asking, ""),
        ("partners.membership.approve", coordinator, ""),
    ]
    assert logged(refused)[-1] == ("partners.membership.decline", coordinator, "")


def test_role_changes_and_endings_are_logged_with_who_acted():
    organization = OrganizationFactory()
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    membership = MembershipFactory(organization=organization, role="staff")
    services.change_role(membership=membership, role="coordinator", changed_by=coordinator)
    services.end_membership(membership=membership, ended_by=coordinator)
    assert logged(membership) == [
        ("partners.membership.change_role", coordinator, ""),
        ("partners.membership.end", coordinator, ""),
    ]
    assert Membership.objects.get(pk=membership.pk).status == "ended"


def test_invitations_are_logged_when_sent_withdrawn_and_accepted():
    organization = OrganizationFactory()
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    services.invite_members(
        organization=organization,
        emails=["kept@example.org", "withdrawn@example.org"],
        role="staff",
        invited_by=coordinator,
    )
    kept = Invitation.objects.get(email="kept@example.org")
    withdrawn = Invitation.objects.get(email="withdrawn@example.org")
    services.revoke_invitation(invitation=withdrawn, revoked_by=coordinator)
    person = UserFactory(email="kept@example.org")
    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    services.accept_invitation(invitation=kept, user=person)
    assert logged(kept) == [
        ("partners.invitation.send", coordinator, ""),
        ("partners.invitation.accept", person, ""),
    ]
    # The withdrawal was accepted and dropped before: now it says who withdrew it.
    assert logged(withdrawn)[-1] == ("partners.invitation.revoke", coordinator, "")
