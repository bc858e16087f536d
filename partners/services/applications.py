"""Partner applications: submitted by anyone signed in, approved (creating the
organization with its applicant as coordinator) or rejected with a reason, each once."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from campaign.audit import log_action
from campaign.decisions import record_decision
from campaign.emails import absolute_url, send_portal_mail, tell_campaign_admins
from campaign.errors import required_reason
from campaign.models import User
from partners.models import (
    RESERVED_SLUGS,
    Membership,
    Organization,
    PartnerApplication,
)

Role = Membership.Role
Status = Membership.Status


def unique_organization_slug(name: str) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def submit_application(*, applicant: User, **fields) -> PartnerApplication:
    """Records an application and tells the applicant and the campaign admins."""
    application = PartnerApplication(applicant=applicant, **fields)
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
            log_action(actor=applicant, action="partners.application.submit", target=application)
    except IntegrityError:
        raise ValidationError(
            "You already have an application for this organization waiting for review."
        ) from None
    context = {"application": application}
    send_portal_mail(
        template="partners/email/application_received", to=[applicant.email], context=context
    )
    tell_campaign_admins(
        "partners/email/application_submitted_admin", about=application, context=context
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
        log_action(actor=decided_by, action="partners.organization.create", target=organization)
        record_decision(
            application,
            decided_by=decided_by,
            action="partners.application.approve",
            template="partners/email/application_approved",
            to=[application.applicant.email],
            context={
                "application": application,
                "organization": organization,
                "manage_url": absolute_url(f"{organization.get_absolute_url()}manage/"),
            },
            status=PartnerApplication.Status.APPROVED,
            decided_at=now,
            organization=organization,
        )
    return organization


def reject_application(
    *, application: PartnerApplication, decided_by: User, reason: str
) -> PartnerApplication:
    """Rejects with a reason the applicant will read."""
    reason = required_reason(reason, "Give the applicant a reason for the rejection.")
    with transaction.atomic():
        application = _lock_submitted_application(application)
        record_decision(
            application,
            decided_by=decided_by,
            action="partners.application.reject",
            template="partners/email/application_rejected",
            to=[application.applicant.email],
            context={"application": application},
            reason=reason,
            status=PartnerApplication.Status.REJECTED,
            decided_at=timezone.now(),
            rejection_reason=reason,
        )
    return application
