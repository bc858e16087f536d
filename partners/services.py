"""Every write to partners that changes several rows or guards a rule.

Each function runs in one transaction, locks the row it decides on, re-checks after
locking, and sends its email only after commit.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from campaign.emails import absolute_url, send_portal_mail
from campaign.models import User
from partners import access
from partners.models import (
    RESERVED_SLUGS,
    Invitation,
    Membership,
    Organization,
    PartnerApplication,
)
from partners.queries import campaign_admin_emails, coordinator_emails

Role = Membership.Role
Status = Membership.Status


def unique_organization_slug(name: str) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Applications ---------------------------------------------------------------------


def submit_application(*, applicant: User, **fields) -> PartnerApplication:
    """Records an application and tells the applicant and the campaign admins."""
    application = PartnerApplication(applicant=applicant, **fields)
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(
            "You already have an application for this organization waiting for review."
        ) from None
    context = {"application": application, "admin_url": absolute_url("/admin/")}
    send_portal_mail(
        template="partners/email/application_received", to=[applicant.email], context=context
    )
    send_portal_mail(
        template="partners/email/application_submitted_admin",
        to=campaign_admin_emails(),
        context=context,
    )
    return application


def _lock_submitted_application(application: PartnerApplication) -> PartnerApplication:
    locked = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != PartnerApplication.Status.SUBMITTED:
        raise ValidationError(f"This application was already {locked.get_status_display()}.")
    return locked


def approve_application(*, application: PartnerApplication, decided_by: User) -> Organization:
    """Creates the organization and makes the applicant its coordinator, in one transaction.

    Locks the application row, so approving twice at once creates one organization. Two
    same-named applications approved at once pick the same slug: the later one is refused
    with a message (and changes nothing) instead of failing on the unique slug.
    """
    with transaction.atomic():
        application = _lock_submitted_application(application)
        now = timezone.now()
        try:
            with transaction.atomic():
                organization = Organization.objects.create(
                    name=application.organization_name,
                    slug=unique_organization_slug(application.organization_name),
                    acronym=application.acronym,
                    kind=application.kind,
                    parent=application.parent,
                    state=application.state,
                    country=application.country,
                    website=application.website,
                    description=application.description,
                    status=Organization.Status.ACTIVE,
                    partner_since=timezone.localdate(),
                )
        except IntegrityError:
            raise ValidationError(
                f"An organization named {application.organization_name} was just created "
                "by another approval. Check that this application is not a duplicate, then "
                "approve it again if it is a different organization."
            ) from None
        Membership.objects.create(
            user=application.applicant,
            organization=organization,
            role=Role.COORDINATOR,
            status=Status.ACTIVE,
            requested_at=application.submitted_at,
            started_at=now,
            decided_by=decided_by,
        )
        application.status = PartnerApplication.Status.APPROVED
        application.decided_at = now
        application.decided_by = decided_by
        application.organization = organization
        application.save()
        send_portal_mail(
            template="partners/email/application_approved",
            to=[application.applicant.email],
            context={
                "application": application,
                "organization": organization,
                "manage_url": absolute_url(f"{organization.get_absolute_url()}manage/"),
            },
        )
    return organization


def reject_application(
    *, application: PartnerApplication, decided_by: User, reason: str
) -> PartnerApplication:
    """Rejects with a reason the applicant will read."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the applicant a reason for the rejection.")
    with transaction.atomic():
        application = _lock_submitted_application(application)
        application.status = PartnerApplication.Status.REJECTED
        application.decided_at = timezone.now()
        application.decided_by = decided_by
        application.rejection_reason = reason
        application.save()
        send_portal_mail(
            template="partners/email/application_rejected",
            to=[application.applicant.email],
            context={"application": application},
        )
    return application


# --- Join requests ----------------------------------------------------------------------


def request_membership(*, user: User, organization: Organization, message: str = "") -> Membership:
    """A pending membership its coordinators are asked to approve."""
    if organization.status != Organization.Status.ACTIVE:
        raise ValidationError("This organization is not taking new members.")
    existing = Membership.objects.filter(
        user=user, organization=organization, status__in=Membership.LIVE_STATUSES
    ).first()
    if existing:
        raise ValidationError(
            "You are already a member of this organization."
            if existing.status == Status.ACTIVE
            else "You have already asked to join; a coordinator will answer soon."
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organization=organization, message=message.strip()
            )
    except IntegrityError:
        raise ValidationError("You have already asked to join this organization.") from None
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


def _answer_join_request(membership: Membership, *, decided_by: User, approve: bool) -> Membership:
    """Locks a pending request, makes it active (approve) or ended, and tells the person."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != Status.PENDING:
            raise ValidationError("This request has already been answered.")
        if approve:
            membership.status, membership.started_at = Status.ACTIVE, timezone.now()
        else:
            membership.status, membership.ended_at = Status.ENDED, timezone.now()
        membership.decided_by = decided_by
        membership.save()
        send_portal_mail(
            template=f"partners/email/membership_{'approved' if approve else 'declined'}",
            to=[membership.user.email],
            context={"membership": membership, "organization": membership.organization},
        )
    return membership


def approve_membership(*, membership: Membership, decided_by: User) -> Membership:
    return _answer_join_request(membership, decided_by=decided_by, approve=True)


def decline_membership(*, membership: Membership, decided_by: User) -> Membership:
    return _answer_join_request(membership, decided_by=decided_by, approve=False)


# --- Roles and ending ---------------------------------------------------------------------


def _ensure_a_coordinator_remains(
    membership: Membership, *, acting_user: User, campaign_admin: bool
) -> None:
    """An organization keeps one active coordinator; only a campaign admin may remove the last.

    The caller holds the organization's row lock, so two coordinators removing each other at
    once cannot both succeed.
    """
    if membership.role != Role.COORDINATOR or campaign_admin:
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
        who = "You are" if membership.user_id == acting_user.pk else "This person is"
        raise ValidationError(
            f"{who} the organization's only coordinator. Make someone else coordinator first."
        )


def _lock_active_membership(membership: Membership) -> Membership:
    Organization.objects.select_for_update().get(pk=membership.organization_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != Status.ACTIVE:
        raise ValidationError("This person is no longer a member.")
    return locked


def change_role(
    *, membership: Membership, role: str, changed_by: User, campaign_admin: bool = False
) -> Membership:
    """Makes a member staff or coordinator; locks the organization to keep a coordinator."""
    if role not in Role.values:
        raise ValidationError("Choose staff or coordinator.")
    with transaction.atomic():
        membership = _lock_active_membership(membership)
        if membership.role == role:
            return membership
        if role == Role.STAFF:
            _ensure_a_coordinator_remains(
                membership, acting_user=changed_by, campaign_admin=campaign_admin
            )
        membership.role = role
        membership.decided_by = changed_by
        membership.save()
        send_portal_mail(
            template="partners/email/role_changed",
            to=[membership.user.email],
            context={"membership": membership, "organization": membership.organization},
        )
    return membership


def end_membership(
    *, membership: Membership, ended_by: User, campaign_admin: bool = False
) -> Membership:
    """Ends a membership and keeps its row; locks the organization to keep a coordinator."""
    with transaction.atomic():
        membership = _lock_active_membership(membership)
        _ensure_a_coordinator_remains(
            membership, acting_user=ended_by, campaign_admin=campaign_admin
        )
        membership.status = Status.ENDED
        membership.ended_at = timezone.now()
        membership.decided_by = ended_by
        membership.save()
        send_portal_mail(
            template="partners/email/membership_ended",
            to=[membership.user.email],
            context={"membership": membership, "organization": membership.organization},
        )
    return membership


# --- Invitations -------------------------------------------------------------------------


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
                f"This invitation was sent to {invitation.email}. "
                "Sign in with that address to accept it."
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
        if invitation.invited_by:
            send_portal_mail(
                template="partners/email/invitation_accepted",
                to=[invitation.invited_by.email],
                context={"invitation": invitation, "member": user},
            )
    return membership
