"""Training requests: submitted by coordinators, accepted (creating a session open only to
the organization) or declined with a reason, each decided once under a row lock."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaign.emails import absolute_url, campaign_admin_emails, send_portal_mail
from campaign.models import User
from partners.models import Organization
from training.models import (
    Course,
    Enrollment,
    Session,
    TrainingRequest,
)

Status = Enrollment.Status


def submit_training_request(
    *, requested_by: User, organization: Organization, **details
) -> TrainingRequest:
    """Records a coordinator's request for their organization and tells the campaign admins."""
    from partners.access import can_manage

    if not can_manage(requested_by, organization):
        raise ValidationError("You can request trainings only for organizations you coordinate.")
    training_request = TrainingRequest(
        requested_by=requested_by, organization=organization, **details
    )
    training_request.full_clean()
    with transaction.atomic():
        training_request.save()
        send_portal_mail(
            template="training/email/request_submitted",
            to=campaign_admin_emails(),
            context={
                "training_request": training_request,
                "admin_url": absolute_url(
                    reverse("admin:training_trainingrequest_change", args=[training_request.pk])
                ),
            },
        )
    return training_request


def _lock_pending_request(training_request: TrainingRequest) -> TrainingRequest:
    locked = (
        TrainingRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "requested_by", "course")
        .get(pk=training_request.pk)
    )
    if locked.status != TrainingRequest.Status.PENDING:
        raise ValidationError(f"This request was already {locked.get_status_display().lower()}.")
    return locked


def accept_training_request(
    *,
    training_request: TrainingRequest,
    decided_by: User,
    course: Course,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str,
    capacity: int | None = None,
    online: bool = True,
    join_url: str = "",
    venue_name: str = "",
    venue_address: str = "",
) -> Session:
    """Accepts a pending request once: creates a session open only to the requesting
    organization (and its sub-organizations) and emails the coordinator.

    Locks the request row, so two admins accepting at once create one session.
    """
    with transaction.atomic():
        training_request = _lock_pending_request(training_request)
        session = Session(
            course=course,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=time_zone,
            capacity=capacity,
            online=online,
            join_url=join_url,
            venue_name=venue_name,
            venue_address=venue_address,
            eligibility=Session.Eligibility.LISTED,
        )
        session.full_clean()
        session.save()
        session.eligible_organizations.set([training_request.organization])
        training_request.status = TrainingRequest.Status.ACCEPTED
        training_request.decided_by = decided_by
        training_request.decided_at = timezone.now()
        training_request.session = session
        training_request.save(update_fields=["status", "decided_by", "decided_at", "session"])
        send_portal_mail(
            template="training/email/request_accepted",
            to=[training_request.requested_by.email],
            context={
                "training_request": training_request,
                "session": session,
                "session_url": absolute_url(session.get_absolute_url()),
                "bulk_url": absolute_url(reverse("training:bulk-enroll", args=[session.pk])),
            },
        )
    return session


def decline_training_request(
    *, training_request: TrainingRequest, decided_by: User, reason: str
) -> TrainingRequest:
    """Declines a pending request once, with a reason the coordinator is emailed."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the coordinator a reason.")
    with transaction.atomic():
        training_request = _lock_pending_request(training_request)
        training_request.status = TrainingRequest.Status.DECLINED
        training_request.decided_by = decided_by
        training_request.decided_at = timezone.now()
        training_request.decline_reason = reason
        training_request.save(
            update_fields=["status", "decided_by", "decided_at", "decline_reason"]
        )
        send_portal_mail(
            template="training/email/request_declined",
            to=[training_request.requested_by.email],
            context={"training_request": training_request},
        )
    return training_request
