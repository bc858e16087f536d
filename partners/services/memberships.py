"""Memberships: join requests and their answers, role changes and endings; the
organization always keeps a coordinator (its live memberships are locked to check)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.decisions import record_decision
from campaign.emails import absolute_url, campaign_admin_emails, send_portal_mail
from campaign.models import User
from partners import access
from partners.models import (
    Membership,
    Organization,
)
from partners.queries import coordinator_emails

Role = Membership.Role
Status = Membership.Status


def request_membership(*, user: User, organization: Organization, message: str = "") -> Membership:
    """A pending membership its coordinators are asked to approve."""
    if organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("This organization is not taking new members."))
    existing = Membership.objects.filter(
        user=user, organization=organization, status__in=Membership.LIVE_STATUSES
    ).first()
    if existing:
        raise ValidationError(
            _("You are already a member of this organization.")
            if existing.status == Status.ACTIVE
            else _("You have already asked to join; a coordinator will answer soon.")
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organization=organization, message=message.strip()
            )
            log_action(actor=user, action="partners.membership.request", target=membership)
    except IntegrityError:
        raise ValidationError(_("You have already asked to join this organization.")) from None
    context = {
        "membership": membership,
        "organization": organization,
        "manage_url": absolute_url(f"{organization.get_absolute_url()}manage/"),
    }
    send_portal_mail(
        template="partners/email/join_requested",
        to=coordinator_emails(organization) or campaign_admin_emails(),
        context=context,
    )
    send_portal_mail(
        template="partners/email/join_request_received", to=[user.email], context=context
    )
    return membership


def _save_and_tell(
    membership: Membership,
    *,
    decided_by: User,
    email: str,
    action: str,
    data: dict | None = None,
    **fields,
) -> None:
    """Saves a decision (`fields`) on the locked membership, logs it as `action`, and emails
    the member about it (once the transaction commits) with partners/email/<email>."""
    record_decision(
        membership,
        decided_by=decided_by,
        action=action,
        template=f"partners/email/{email}",
        to=[membership.user.email],
        context={
            "membership": membership,
            "organization": membership.organization,
            "changed_by": decided_by,
        },
        data=data,
        **fields,
    )


def _answer_join_request(membership: Membership, *, decided_by: User, approve: bool) -> Membership:
    """Locks a pending request, makes it active (approve) or ended, and tells the person."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != Status.PENDING:
            raise ValidationError(_("This request has already been answered."))
        if approve:
            decision = {"status": Status.ACTIVE, "started_at": timezone.now()}
        else:
            decision = {"status": Status.ENDED, "ended_at": timezone.now()}
        _save_and_tell(
            membership,
            decided_by=decided_by,
            email=f"membership_{'approved' if approve else 'declined'}",
            action=f"partners.membership.{'approve' if approve else 'decline'}",
            **decision,
        )
    return membership


def approve_membership(*, membership: Membership, decided_by: User) -> Membership:
    return _answer_join_request(membership, decided_by=decided_by, approve=True)


def decline_membership(*, membership: Membership, decided_by: User) -> Membership:
    return _answer_join_request(membership, decided_by=decided_by, approve=False)


def _ensure_a_coordinator_remains(membership: Membership, *, acting_user: User) -> None:
    """An organization keeps one active coordinator; only a campaign admin may remove the last.

    The caller holds the organization's row lock, so two coordinators removing each other at
    once cannot both succeed.
    """
    if membership.role != Role.COORDINATOR or access.is_campaign_admin(acting_user):
        return
    others = (
        Membership.objects.filter(
            organization_id=membership.organization_id,
            role=Role.COORDINATOR,
            status=Status.ACTIVE,
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise ValidationError(
            _("You are the organization's only coordinator. Make someone else coordinator first.")
            if membership.user_id == acting_user.pk
            else _(
                "This person is the organization's only coordinator. "
                "Make someone else coordinator first."
            )
        )


def _lock_active_membership(membership: Membership) -> Membership:
    Organization.objects.select_for_update().get(pk=membership.organization_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != Status.ACTIVE:
        raise ValidationError(_("This person is no longer a member."))
    return locked


def change_role(*, membership: Membership, role: str, changed_by: User) -> Membership:
    """Makes a member staff or coordinator; locks the organization to keep a coordinator."""
    if role not in Role.values:
        raise ValidationError(_("Choose staff or coordinator."))
    with transaction.atomic():
        membership = _lock_active_membership(membership)
        if membership.role == role:
            return membership
        if role == Role.STAFF:
            _ensure_a_coordinator_remains(membership, acting_user=changed_by)
        _save_and_tell(
            membership,
            decided_by=changed_by,
            email="role_changed",
            action="partners.membership.change_role",
            data={"from": membership.role, "to": role},
            role=role,
        )
    return membership


def end_membership(*, membership: Membership, ended_by: User) -> Membership:
    """Ends a membership and keeps its row; locks the organization to keep a coordinator."""
    with transaction.atomic():
        membership = _lock_active_membership(membership)
        _ensure_a_coordinator_remains(membership, acting_user=ended_by)
        _save_and_tell(
            membership,
            decided_by=ended_by,
            email="membership_ended",
            action="partners.membership.end",
            status=Status.ENDED,
            ended_at=timezone.now(),
        )
    return membership


def _lock_organizations(ids: list[int]) -> None:
    """Locks the organizations' rows in a fixed order (no deadlock between two callers)."""
    list(
        Organization.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def end_memberships_of_leaving_person(*, user: User) -> int:
    """Ends every pending and active membership of a person whose account is being deleted,
    and returns how many. Locks their organizations (in a fixed order) and, as for any
    ending, refuses to leave an organization without a coordinator: the person names another
    first. Nobody is emailed (the person is leaving; the roster shows the change); each
    ending is logged as done by the person."""
    with transaction.atomic():
        organization_ids = list(
            Membership.objects.filter(user=user, status__in=Membership.LIVE_STATUSES)
            .order_by("organization_id")
            .values_list("organization_id", flat=True)
        )
        _lock_organizations(organization_ids)
        live = Membership.objects.select_for_update().filter(
            user=user, status__in=Membership.LIVE_STATUSES
        )
        ended = 0
        for membership in live.order_by("organization_id"):
            if membership.status == Status.ACTIVE:
                _ensure_a_coordinator_remains(membership, acting_user=user)
            membership.status, membership.ended_at = Status.ENDED, timezone.now()
            membership.save(update_fields=["status", "ended_at"])
            log_action(actor=user, action="partners.membership.leave", target=membership)
            ended += 1
    return ended
