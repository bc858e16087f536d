"""Reads that partners pages share, each with a fixed number of queries."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from campaign.access import AnyUser
from campaign.memo import per_request
from campaign.models import User
from partners.api_tokens import ApiToken, hash_secret
from partners.models import Agreement, Invitation, Membership, Organization
from partners.webhooks import Webhook, WebhookDelivery


def public_organizations() -> QuerySet[Organization]:
    """Active, publicly listed organizations with their parent, for the directory."""
    return Organization.objects.filter(
        status=Organization.Status.ACTIVE, listed=True
    ).select_related("parent")


def organization_detail(slug: str) -> Organization:
    """One organization with its parent, public sub-organizations and agreements."""
    return (
        Organization.objects.select_related("parent")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Organization.objects.filter(
                    status=Organization.Status.ACTIVE, listed=True
                ),
                to_attr="public_children",
            ),
            Prefetch("agreements", queryset=Agreement.objects.order_by("-signed_on")),
        )
        .get(slug=slug)
    )


def ancestors(organization: Organization) -> list[Organization]:
    """The chain of parents, nearest first (one query per level; hierarchies are shallow)."""
    chain = []
    current = organization.parent
    while current is not None and current not in chain:
        chain.append(current)
        current = current.parent
    return chain


def coordinator_emails(organization: Organization) -> list[str]:
    """Active coordinators of the organization and of every organization above it."""
    ids = [organization.pk, *(o.pk for o in ancestors(organization))]
    return list(
        Membership.objects.filter(
            organization_id__in=ids,
            role=Membership.Role.COORDINATOR,
            status=Membership.Status.ACTIVE,
        ).values_list("user__email", flat=True)
    )


def active_members(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("role", "user__name", "user__email")
    )


def pending_requests(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, status=Membership.Status.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )


def open_invitations(organization: Organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organization=organization, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def sub_organizations(organization: Organization) -> QuerySet[Organization]:
    """Direct sub-organizations with their member counts."""
    return organization.children.annotate(
        member_count=Count("memberships", filter=Q(memberships__status="active"))
    ).order_by("name")


def memberships_of(user: User) -> QuerySet[Membership]:
    """A person's live and past memberships, newest first, for "My organizations"."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("status", "organization__name")
    )


def active_organization_ids(user: AnyUser) -> list[int]:
    """The active organizations this person is an active member of, oldest membership
    first."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(
            user=user,
            status=Membership.Status.ACTIVE,
            organization__status=Organization.Status.ACTIVE,
        )
        .order_by("started_at", "pk")
        .values_list("organization_id", flat=True)
    )


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

    def compute() -> set[int]:
        coordinated = set(
            Membership.objects.filter(
                user=user,
                role=Membership.Role.COORDINATOR,
                status=Membership.Status.ACTIVE,
            ).values_list("organization_id", flat=True)
        )
        return descendant_ids(coordinated) if coordinated else set()

    return per_request(user, "managed_organization_ids", compute)


def open_invitations_for(address: str) -> list[Invitation]:
    """The invitations to this address that are neither accepted, withdrawn nor expired,
    with what `access.invitation_stands` reads (one query)."""
    from django.utils import timezone

    return list(
        Invitation.objects.filter(
            email__iexact=address,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("organization", "invited_by")
        .order_by("created_at")
    )


@dataclass
class InvitationRow:
    number: int  # the row's line in the file (the header is line 1)
    email: str
    outcome: str
    invite: bool = False


def invitation_preview(organization: Organization, rows: list[dict[str, str]]):
    """What inviting each row's address would do, in two queries whatever the number."""
    addresses = {row.get("email", "").strip().lower() for row in rows}
    members = set(
        Membership.objects.filter(
            organization=organization,
            status=Membership.Status.ACTIVE,
            user__emailaddress__email__in=addresses,
        ).values_list("user__emailaddress__email", flat=True)
    )
    invited = set(
        Invitation.objects.filter(
            organization=organization,
            email__in=addresses,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).values_list("email", flat=True)
    )
    seen: set[str] = set()
    result = []
    for number, row in enumerate(rows, start=2):
        email = row.get("email", "")
        key = email.lower()
        try:
            validate_email(email)
        except ValidationError:
            outcome, invite = _("Not an email address: skipped."), False
        else:
            if key in seen:
                outcome, invite = _("Listed twice: invited once."), False
            elif key in members:
                outcome, invite = _("Already a member: skipped."), False
            elif key in invited:
                outcome, invite = _("Invited already: the invitation is sent again."), True
            else:
                outcome, invite = _("Will be invited."), True
        seen.add(key)
        result.append(InvitationRow(number, email, outcome, invite))
    return result


def api_tokens_of(organization: Organization) -> QuerySet[ApiToken]:
    """The organization's tokens, standing and revoked, newest first, with their makers."""
    return ApiToken.objects.filter(organization=organization).select_related(
        "created_by", "revoked_by"
    )


def token_for_secret(secret: str) -> ApiToken | None:
    """The token this secret belongs to, with its organization and maker (one query);
    whether it still opens anything is `access.token_stands`."""
    return (
        ApiToken.objects.select_related("organization", "created_by")
        .filter(secret_hash=hash_secret(secret))
        .first()
    )


def organizations_only_coordinated_by(user: User) -> QuerySet[Organization]:
    """Organizations whose one active coordinator is this person (one query): they must
    name another before leaving the portal."""
    coordinators = Membership.objects.filter(
        role=Membership.Role.COORDINATOR, status=Membership.Status.ACTIVE
    )
    coordinating = Q(
        memberships__role=Membership.Role.COORDINATOR,
        memberships__status=Membership.Status.ACTIVE,
    )
    return (
        Organization.objects.filter(
            pk__in=coordinators.filter(user=user).values("organization_id")
        )
        .annotate(coordinators=Count("memberships", filter=coordinating))
        .filter(coordinators=1)
        .order_by("name")
    )


def webhook_of(organization: Organization) -> Webhook | None:
    """The organization's webhook, with its maker, or None."""
    return Webhook.objects.filter(organization=organization).select_related("created_by").first()


# Deliveries a coordinator sees on the webhook page.
SHOWN_DELIVERIES = 50


def recent_deliveries(webhook: Webhook) -> list[WebhookDelivery]:
    """The webhook's last SHOWN_DELIVERIES deliveries, newest first (one query)."""
    return list(webhook.deliveries.defer("payload")[:SHOWN_DELIVERIES])
