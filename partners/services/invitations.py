"""Invitations: sent by coordinators, withdrawn, or accepted once by the invited address."""

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.emails import absolute_url, send_portal_mail
from campaign.models import User
from partners import access
from partners.models import (
    Invitation,
    Membership,
    Organization,
)

Role = Membership.Role
Status = Membership.Status


@dataclass
class InvitationOutcome:
    invited: list[str] = field(default_factory=list)
    renewed: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)


def invite_members(
    *, organization: Organization, emails: list[str], role: str, invited_by: User
) -> InvitationOutcome:
    """Invites each address (or renews its open invitation) and emails the link."""
    if role not in Role.values:
        raise ValidationError("Choose staff or coordinator.")
    outcome = InvitationOutcome()
    now = timezone.now()
    addresses = sorted({email.strip().lower() for email in emails if email.strip()})
    with transaction.atomic():
        Organization.objects.select_for_update().get(pk=organization.pk)
        members = set(
            Membership.objects.filter(
                organization=organization,
                status=Status.ACTIVE,
                user__emailaddress__email__in=addresses,
            ).values_list("user__emailaddress__email", flat=True)
        )
        open_invitations = {
            invitation.email.lower(): invitation
            for invitation in Invitation.objects.filter(
                organization=organization,
                email__in=addresses,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            )
        }
        for address in addresses:
            if address in members:
                outcome.already_members.append(address)
                continue
            invitation = open_invitations.get(address)
            if invitation:
                invitation.role = role
                invitation.token = Invitation._meta.get_field("token").default()
                invitation.created_at = now
                invitation.expires_at = now + Invitation.VALID_FOR
                invitation.invited_by = invited_by
                invitation.save()
                outcome.renewed.append(address)
            else:
                invitation = Invitation.objects.create(
                    organization=organization,
                    email=address,
                    role=role,
                    invited_by=invited_by,
                    created_at=now,
                    expires_at=now + Invitation.VALID_FOR,
                )
                outcome.invited.append(address)
            log_action(
                actor=invited_by,
                action="partners.invitation.send",
                target=invitation,
                data={"role": role, "renewed": address in outcome.renewed},
            )
            send_portal_mail(
                template="partners/email/invitation",
                to=[address],
                context={
                    "invitation": invitation,
                    "organization": organization,
                    "invited_by": invited_by,
                    "accept_url": absolute_url(invitation.get_absolute_url()),
                },
            )
    return outcome


INVITATION_VOID = (
    "This invitation no longer works. Ask the organization's coordinator for a new one."
)


def _lock_open_invitation(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    messages = {
        "accepted": "This invitation has already been accepted.",
        "revoked": "This invitation was withdrawn. Ask the coordinator for a new one.",
        "expired": "This invitation has expired. Ask the coordinator for a new one.",
    }
    if locked.state != "open":
        raise ValidationError(messages[locked.state])
    return locked


def revoke_invitation(*, invitation: Invitation, revoked_by: User) -> Invitation:
    with transaction.atomic():
        invitation = _lock_open_invitation(invitation)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(actor=revoked_by, action="partners.invitation.revoke", target=invitation)
    return invitation


def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Makes the invited person a member with the invited role.

    The person must own the invited address (a verified address on their account) and have
    an active account; the invitation must still stand (`access.invitation_stands`).
    """
    if not user.is_active:
        raise ValidationError("This account is deactivated.")
    with transaction.atomic():
        invitation = _lock_open_invitation(invitation)
        if not access.invitation_stands(invitation):
            raise ValidationError(INVITATION_VOID)
        owns_address = EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
        if not owns_address:
            raise ValidationError(
                _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
                % {"email": invitation.email}
            )
        now = timezone.now()
        membership = (
            Membership.objects.select_for_update()
            .filter(
                user=user,
                organization_id=invitation.organization_id,
                status__in=Membership.LIVE_STATUSES,
            )
            .first()
        )
        if membership is None:
            membership = Membership(
                user=user, organization_id=invitation.organization_id, requested_at=now
            )
        if membership.status != Status.ACTIVE:
            membership.status = Status.ACTIVE
            membership.started_at = now
            membership.role = invitation.role
        elif invitation.role == Role.COORDINATOR:
            membership.role = Role.COORDINATOR
        membership.decided_by = invitation.invited_by
        membership.save()
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        log_action(
            actor=user,
            action="partners.invitation.accept",
            target=invitation,
            data={"membership": membership.pk, "role": membership.role},
        )
        if invitation.invited_by:
            send_portal_mail(
                template="partners/email/invitation_accepted",
                to=[invitation.invited_by.email],
                context={"invitation": invitation, "member": user},
            )
    return membership


def remove_stale_invitations() -> int:
    """Data retention: deletes the invitations nobody accepted, INVITATION_RETENTION_DAYS
    after they expired or were withdrawn (each holds an address), and returns how many.
    Idempotent; the log entry counts them, naming no one."""
    before = timezone.now() - timedelta(days=settings.INVITATION_RETENTION_DAYS)
    with transaction.atomic():
        _total, per_model = (
            Invitation.objects.filter(accepted_at__isnull=True)
            .filter(Q(expires_at__lt=before) | Q(revoked_at__lt=before))
            .delete()
        )
        removed = per_model.get(Invitation._meta.label, 0)
        if removed:
            log_action(
                actor=None,
                action="partners.invitation.remove_stale",
                data={"invitations": removed},
            )
    return removed
