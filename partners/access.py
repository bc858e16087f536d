"""Who may do what with organizations. Views, templates and tests ask these functions."""

from campaign.access import AnyUser, can_use_admin
from partners.api_tokens import ApiToken
from partners.models import Invitation, Membership, Organization
from partners.queries import managed_organization_ids


def is_campaign_admin(user: AnyUser) -> bool:
    return can_use_admin(user)


def can_manage(user: AnyUser, organization: Organization) -> bool:
    """Coordinators of the organization or of an ancestor, and campaign admins."""
    return is_campaign_admin(user) or organization.pk in managed_organization_ids(user)


def is_live_member(user: AnyUser, organization: Organization) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organization=organization, status__in=Membership.LIVE_STATUSES
        ).exists()
    )


def can_see(user: AnyUser, organization: Organization) -> bool:
    """Anyone sees a public organization; a private one only its members and managers."""
    return (
        organization.is_public
        or can_manage(user, organization)
        or is_live_member(user, organization)
    )


def invitation_stands(invitation: Invitation) -> bool:
    """An invitation works only while someone still vouches for it: its organization is
    active and its inviter's account is active and still manages the organization (their
    coordinator membership has not ended)."""
    inviter = invitation.invited_by
    return bool(
        invitation.organization.status == Organization.Status.ACTIVE
        and inviter is not None
        and inviter.is_active
        and can_manage(inviter, invitation.organization)
    )


def token_stands(token: ApiToken) -> bool:
    """A token opens the feed only while it is neither revoked nor expired, its organization
    is active, and its maker still manages the organization (a coordinator who left takes
    their tokens' access with them)."""
    maker = token.created_by
    return bool(
        token.is_usable
        and token.organization.status == Organization.Status.ACTIVE
        and maker is not None
        and maker.is_active
        and can_manage(maker, token.organization)
    )
