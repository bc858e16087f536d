"""Who may see, download and order materials. Views, queries and tests ask these."""

from campaign.access import AnyUser
from campaign.memo import per_request
from partners.queries import active_organization_ids
from resources.models import MaterialOrder, Resource


def is_active_partner(user: AnyUser) -> bool:
    """Staff or coordinators with an active membership of an active organization."""
    if not user.is_authenticated:
        return False
    return per_request(user, "is_active_partner", lambda: bool(active_organization_ids(user)))


def can_see(user: AnyUser, resource: Resource) -> bool:
    """Published public materials to anyone; partner-only ones to active partner staff."""
    if resource.visibility == Resource.Visibility.PARTNERS:
        return resource.published and is_active_partner(user)
    return resource.published and resource.visibility == Resource.Visibility.PUBLIC


def can_see_order(user: AnyUser, order: MaterialOrder) -> bool:
    return user.is_authenticated and order.requester_id == user.pk
