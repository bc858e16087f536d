"""Who may enroll where, and who may enroll others. Views, services and tests ask these."""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.formats import date_format

from campaign.access import AnyUser
from partners.access import descendant_ids, is_campaign_admin, managed_organization_ids
from partners.models import Membership, Organization
from partners.queries import active_organization_ids
from training.models import Certificate, Session


def eligible_organization_ids(session: Session) -> set[int]:
    """The listed organizations of a restricted session and everything below them."""
    listed = set(session.eligible_organizations.values_list("pk", flat=True))
    return descendant_ids(listed) if listed else set()


def registration_problem(session: Session) -> str | None:
    """Why nobody can enroll in the session now, or None."""
    now = timezone.now()
    if session.status == Session.Status.CANCELLED:
        return "This session was cancelled."
    if session.status == Session.Status.COMPLETED or session.starts_at <= now:
        return "This session has already started."
    if not session.course.published:
        return "This course is not open for enrollment."
    if session.registration_opens_at and session.registration_opens_at > now:
        opens = date_format(session.registration_opens_at.astimezone(session.zone), "F j, Y")
        return f"Registration opens on {opens}."
    if session.registration_closes_at and session.registration_closes_at <= now:
        return "Registration has closed."
    return None


def eligibility_problem(user: AnyUser, session: Session) -> str | None:
    """Why this person may not enroll in the session, or None."""
    if not user.is_authenticated:
        return "Sign in to enroll."
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return "Verify your email address before you enroll."
    if session.eligibility == Session.Eligibility.SIGNED_IN:
        return None
    memberships = active_organization_ids(user)
    if session.eligibility == Session.Eligibility.PARTNER_STAFF:
        if not memberships:
            return "This session is for staff of partner organizations."
        return None
    if not set(memberships) & eligible_organization_ids(session):
        return "This session is open only to staff of the organizations it was arranged for."
    return None


def organization_enrolled_for(
    user: AnyUser, session: Session, preferred: Organization | None = None
) -> Organization | None:
    """The organization an enrollment counts for: the preferred one if the person belongs
    to it, else their first membership that the session admits."""
    memberships = active_organization_ids(user)
    if session.eligibility == Session.Eligibility.LISTED:
        memberships = [pk for pk in memberships if pk in eligible_organization_ids(session)]
    if preferred is not None and preferred.pk in memberships:
        return preferred
    return Organization.objects.filter(pk=memberships[0]).first() if memberships else None


def staff_a_coordinator_may_enroll(user: AnyUser) -> list[Membership]:
    """Active memberships of the organizations the user manages (and their sub-organizations)."""
    ids = managed_organization_ids(user)
    return list(
        Membership.objects.filter(organization_id__in=ids, status=Membership.Status.ACTIVE)
        .select_related("user", "organization")
        .order_by("organization__name", "user__name", "user__email")
    )


def can_take_attendance(user: AnyUser, session: Session) -> bool:
    """The session's trainers and campaign admins."""
    if not user.is_authenticated:
        return False
    return is_campaign_admin(user) or session.trainers.filter(pk=user.pk).exists()


def can_download_certificate(user: AnyUser, certificate: Certificate) -> bool:
    """Only the person it was issued to, and only while it stands."""
    return bool(
        user.is_authenticated and certificate.user_id == user.pk and not certificate.is_revoked
    )


def can_request_training(user: AnyUser) -> bool:
    """Coordinators ask for trainings for the organizations they manage."""
    return bool(managed_organization_ids(user))


def can_open_course_material(user: AnyUser) -> bool:
    """On-demand course files are for signed-in people."""
    return user.is_authenticated
