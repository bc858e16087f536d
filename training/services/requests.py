"""Training requests: submitted by coordinators, accepted (creating a session open only to
the organization) or declined with a reason, each decided once under a row lock."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaign.audit import log_action
from campaign.decisions import record_decision
from campaign.emails import absolute_url, tell_campaign_admins
from campaign.errors import required_reason
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
        log_action(actor=requested_by, action="training.request.submit", target=training_request)
        tell_campaign_admins(
            "training/email/request_submitted",
            about=training_request,
            context={"training_request": training_request},
            taking_notices=True,
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
        record_decision(
            training_request,
            decided_by=decided_by,
            action="training.request.accept",
            template="training/email/request_accepted",
            to=[training_request.requested_by.email],
            context={
                "training_request": training_request,
                "session": session,
                "session_url": absolute_url(session.get_absolute_url()),
                "bulk_url": absolute_url(reverse("training:bulk-enroll", args=[session.pk])),
            },
            data={"session": session.pk},
            status=TrainingRequest.Status.ACCEPTED,
            decided_at=timezone.now(),
            session=session,
        )
    return session


def decline_training_request(
    *, training_request: TrainingRequest, decided_by: User, reason: str
) -> TrainingRequest:
    """Declines a pending request once, with a reason the coordinator is emailed."""
    reason = required_reason(reason, "Give the coordinator a reason.")
    with transaction.atomic():
        training_request = _lock_pending_request(training_request)
        record_decision(
            training_request,
            decided_by=decided_by,
            action="training.request.decline",
            template="training/email/request_declined",
            to=[training_request.requested_by.email],
            context={"training_request": training_request},
            reason=reason,
            status=TrainingRequest.Status.DECLINED,
            decided_at=timezone.now(),
            decline_reason=reason,
        )
    return training_request
