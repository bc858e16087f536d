"""Who may see, download and order materials. Views, queries and tests ask these."""

from campaign.access import AnyUser
from partners.queries import active_organization_ids
from resources.models import MaterialOrder, Resource


def is_active_partner(user: AnyUser) -> bool:
    """Staff or coordinators with an active membership of an active organization."""
    if not user.is_authenticated:
        return False
    if getattr(user, "_is_active_partner", None) is None:
        user._is_active_partner = bool(active_organization_ids(user))
    return user._is_active_partner


def visibilities_for(user: AnyUser) -> list[str]:
    if is_active_partner(user):
        return [Resource.Visibility.PUBLIC, Resource.Visibility.PARTNERS]
    return [Resource.Visibility.PUBLIC]


def can_see(user: AnyUser, resource: Resource) -> bool:
    """Published public materials to anyone; partner-only ones to active partner staff."""
    return resource.published and resource.visibility in visibilities_for(user)


def can_see_order(user: AnyUser, order: MaterialOrder) -> bool:
    return user.is_authenticated and order.requester_id == user.pk
