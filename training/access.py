"""Who may enroll where, and who may enroll others. Views, services and tests ask these."""

from datetime import datetime

from allauth.account.models import EmailAddress
from django.templatetags.tz import do_timezone
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.access import AnyUser
from campaign.dates import date_as
from partners.access import is_campaign_admin
from partners.queries import active_organization_ids, managed_organization_ids
from training.models import Certificate, Enrollment, Session
from training.queries import eligible_organization_ids


def registration_problem(session: Session) -> str | None:
    """Why nobody can enroll in the session now, or None."""
    now = timezone.now()
    if session.status == Session.Status.CANCELLED:
        return _("This session was cancelled.")
    if session.status == Session.Status.COMPLETED or session.starts_at <= now:
        return _("This session has already started.")
    if not session.course.published:
        return _("This course is not open for enrollment.")
    if session.registration_opens_at and session.registration_opens_at > now:
        opens = date_as(do_timezone(session.registration_opens_at, session.zone), "day")
        return _("Registration opens on %(date)s.") % {"date": opens}
    if session.registration_closes_at and session.registration_closes_at <= now:
        return _("Registration has closed.")
    return None


def eligibility_problem(user: AnyUser, session: Session) -> str | None:
    """Why this person may not enroll in the session, or None."""
    return person_problem(user) or admission_problem(
        session, active_organization_ids(user) if session_asks_membership(session) else []
    )


def person_problem(user: AnyUser) -> str | None:
    """Why this person may not enroll in any session (the part that is the person's), or
    None."""
    if not user.is_authenticated:
        return _("Sign in to enroll.")
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return _("Verify your email address before you enroll.")
    return None


def session_asks_membership(session: Session) -> bool:
    return session.eligibility != Session.Eligibility.SIGNED_IN


def admission_problem(session: Session, organization_ids: list[int]) -> str | None:
    """Why the session, as it stands, does not admit a person who is an active member of
    `organization_ids` (the part that is the session's), or None."""
    if not session_asks_membership(session):
        return None
    if session.eligibility == Session.Eligibility.PARTNER_STAFF:
        if not organization_ids:
            return _("This session is for staff of partner organizations.")
        return None
    if not set(organization_ids) & eligible_organization_ids(session):
        return _("This session is open only to staff of the organizations it was arranged for.")
    return None


def can_take_attendance(user: AnyUser, session: Session) -> bool:
    """The session's trainers and campaign admins: attendance, check-in, and the
    session's evaluation results."""
    if not user.is_authenticated:
        return False
    return is_campaign_admin(user) or session.trainers.filter(pk=user.pk).exists()


def can_download_certificate(user: AnyUser, certificate: Certificate) -> bool:
    """Only the person it was issued to, and only while it stands."""
    return bool(
        user.is_authenticated and certificate.user_id == user.pk and not certificate.is_revoked
    )


def can_download_open_badge(user: AnyUser, certificate: Certificate) -> bool:
    """The person it was issued to and campaign admins, while it stands (an expired one
    still says when it was valid)."""
    if not user.is_authenticated or certificate.is_revoked:
        return False
    return certificate.user_id == user.pk or is_campaign_admin(user)


def can_request_training(user: AnyUser) -> bool:
    """Coordinators ask for trainings for the organizations they manage."""
    return bool(managed_organization_ids(user))


def can_open_course_material(user: AnyUser) -> bool:
    """On-demand course files are for signed-in people."""
    return user.is_authenticated


def evaluation_problem(enrollment: Enrollment, user: AnyUser, *, now: datetime) -> str | None:
    """Why this person cannot evaluate this enrollment now, or None."""
    session = enrollment.session
    if enrollment.user_id != user.pk:
        return _("You can evaluate only your own trainings.")
    if (
        enrollment.status != Enrollment.Status.ATTENDED
        or session.status == Session.Status.CANCELLED
        or session.ends_at > now
    ):
        return _("You can evaluate a training once you attended it and it has ended.")
    return None
