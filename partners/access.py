"""Who may do what with organizations. Views, templates and tests ask these functions."""

from campaign.access import AnyUser, can_use_admin
from partners.models import Invitation, Membership, Organization


def descendant_ids(organization_ids: set[int]) -> set[int]:
    """The given organizations and every organization below them (one query per level)."""
    found = set(organization_ids)
    frontier = set(organization_ids)
    while frontier:
        frontier = (
            set(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return found


def managed_organization_ids(user: AnyUser) -> set[int]:
    """Organizations the user coordinates, with all their sub-organizations."""
    if not user.is_authenticated:
        return set()
    if getattr(user, "_managed_organization_ids", None) is None:
        coordinated = set(
            Membership.objects.filter(
                user=user,
                role=Membership.Role.COORDINATOR,
                status=Membership.Status.ACTIVE,
            ).values_list("organization_id", flat=True)
        )
        user._managed_organization_ids = descendant_ids(coordinated) if coordinated else set()
    return user._managed_organization_ids


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
