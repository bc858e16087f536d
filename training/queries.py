"""Reads that training pages share, each with a fixed number of queries."""

from collections import defaultdict

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from campaign.access import AnyUser
from campaign.models import User
from partners.models import Membership, Organization
from partners.queries import descendant_ids, managed_organization_ids
from training.evaluation_queries import with_evaluated
from training.models import (
    CalendarFeed,
    Certificate,
    Course,
    Enrollment,
    KnowledgeCheckAttempt,
    Session,
    normalize_certificate_code,
)

REGISTERED = Q(enrollments__status=Enrollment.Status.REGISTERED)
WAITLISTED = Q(enrollments__status=Enrollment.Status.WAITLISTED)


def with_seat_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Adds `registered` and `waitlisted` counts to each session, read from the counts the
    enrollment services keep on the row (no join over the enrollments)."""
    return sessions.annotate(
        registered=F("registered_seats"),
        waitlisted=F("waitlist_length"),
    )


def upcoming_sessions() -> QuerySet[Session]:
    """Scheduled sessions of published courses that have not started, soonest first."""
    return with_seat_counts(
        Session.objects.filter(
            status=Session.Status.SCHEDULED,
            starts_at__gt=timezone.now(),
            course__published=True,
        ).select_related("course", "course__provider")
    ).order_by("starts_at", "pk")


def on_demand_courses() -> QuerySet[Course]:
    return Course.objects.filter(
        published=True, format__in=Course.ON_DEMAND_FORMATS
    ).select_related("provider")


def course_detail(slug: str) -> Course:
    return (
        Course.objects.filter(published=True)
        .select_related("provider")
        .prefetch_related(
            "audiences",
            "pillars",
            Prefetch("sessions", queryset=upcoming_sessions(), to_attr="upcoming_sessions"),
        )
        .get(slug=slug)
    )


def session_detail(pk: int) -> Session:
    return with_seat_counts(
        Session.objects.select_related("course", "course__provider").filter(course__published=True)
    ).get(pk=pk)


def live_enrollment(user: User, session: Session) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(user=user, session=session)
        .exclude(status=Enrollment.Status.CANCELLED)
        .first()
    )


def waitlist_positions(session_ids: list[int]) -> dict[int, int]:
    """Waitlist position of every waitlisted enrollment of these sessions, by enrollment id."""
    rows = (
        Enrollment.objects.filter(session_id__in=session_ids, status=Enrollment.Status.WAITLISTED)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("session_id")], order_by=[F("queued_at"), F("pk")]
            )
        )
        .values_list("pk", "position")
    )
    return dict(rows)


def my_enrollments(user: User) -> tuple[list[Enrollment], list[Enrollment]]:
    """(upcoming, past) live enrollments, each with `.position` when waitlisted and
    `.evaluated` (the person has answered its evaluation)."""
    enrollments = list(
        with_evaluated(Enrollment.objects.filter(user=user))
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("session__course", "organization")
        .order_by("session__starts_at")
    )
    positions = waitlist_positions(
        [e.session_id for e in enrollments if e.status == Enrollment.Status.WAITLISTED]
    )
    now = timezone.now()
    upcoming, past = [], []
    for enrollment in enrollments:
        enrollment.position = positions.get(enrollment.pk)
        is_upcoming = (
            enrollment.session.ends_at > now
            and enrollment.session.status != Session.Status.CANCELLED
        )
        (upcoming if is_upcoming else past).append(enrollment)
    past.reverse()
    return upcoming, past


def live_feed(token: str) -> CalendarFeed | None:
    """The feed a token opens, or None: a deactivated account's feed answers nothing."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def sessions_of(user: User) -> QuerySet[Session]:
    """Sessions the person is registered or waitlisted for (or attended)."""
    live = Enrollment.objects.filter(user=user).exclude(status=Enrollment.Status.CANCELLED)
    return Session.objects.filter(pk__in=live.values("session_id")).select_related("course")


def sessions_provided_by(organization) -> QuerySet[Session]:
    """Upcoming sessions of the courses an organization provides."""
    return upcoming_sessions().filter(course__provider=organization)


def sessions_trained_by(user: User) -> QuerySet[Session]:
    """Sessions the person is a trainer of, newest first, with seat counts."""
    return with_seat_counts(
        Session.objects.filter(trainers=user).select_related("course")
    ).order_by("-starts_at", "pk")


def attendance_roster(session: Session) -> QuerySet[Enrollment]:
    """Everyone with a seat in the session, whatever attendance says so far."""
    return (
        Enrollment.objects.filter(
            session=session,
            status__in=[
                Enrollment.Status.REGISTERED,
                Enrollment.Status.ATTENDED,
                Enrollment.Status.NO_SHOW,
            ],
        )
        .select_related("user", "organization")
        .order_by("user__name", "user__email", "pk")
    )


def certificate_by_code(code: str) -> Certificate | None:
    """One query (none for what cannot be a code): the certificate however its code was
    typed, with what the public verification page shows (the name is stored on it)."""
    canonical = normalize_certificate_code(code)
    if canonical is None:
        return None
    return (
        Certificate.objects.select_related("course__provider", "user")
        .filter(code=canonical)
        .first()
    )


def certificates_of(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("course")


def completed_counts(user_ids: list[int]) -> dict[int, int]:
    """Courses each person completed: sessions attended plus on-demand courses passed."""
    counts: dict[int, int] = defaultdict(int)
    attended = (
        Enrollment.objects.filter(user_id__in=user_ids, status=Enrollment.Status.ATTENDED)
        .values("user_id")
        # `status`, not the id: the covering index enrollment_user_outcomes holds it, so
        # the rows are counted from the index alone (twice as fast for 5,000 people).
        .annotate(n=Count("status"))
    )
    for row in attended:
        counts[row["user_id"]] += row["n"]
    passed = (
        KnowledgeCheckAttempt.objects.filter(user_id__in=user_ids, passed=True)
        .values("user_id")
        .annotate(n=Count("course_id", distinct=True))
    )
    for row in passed:
        counts[row["user_id"]] += row["n"]
    return dict(counts)


def eligible_organization_ids(session: Session) -> set[int]:
    """The listed organizations of a restricted session and everything below them."""
    listed = set(session.eligible_organizations.values_list("pk", flat=True))
    return descendant_ids(listed) if listed else set()


def organization_enrolled_for(
    organization_ids: list[int], session: Session, preferred: Organization | None = None
) -> int | None:
    """The id of the organization an enrollment counts for, given the person's active
    organizations (`active_organization_ids`, oldest membership first): the preferred one if
    the person belongs to it, else their first membership that the session admits."""
    if session.eligibility == Session.Eligibility.LISTED:
        admitted = eligible_organization_ids(session)
        organization_ids = [pk for pk in organization_ids if pk in admitted]
    if preferred is not None and preferred.pk in organization_ids:
        return preferred.pk
    return organization_ids[0] if organization_ids else None


def staff_to_enroll(
    user: AnyUser, *, search: str = "", organization_id: int | None = None
) -> QuerySet[Membership]:
    """Active memberships of the organizations the user manages (and their
    sub-organizations), narrowed to one of them (with its own sub-organizations) and to a
    name or email containing `search`."""
    ids = managed_organization_ids(user)
    if organization_id is not None:
        ids = ids & descendant_ids({organization_id}) if organization_id in ids else set()
    memberships = Membership.objects.filter(
        organization_id__in=ids, status=Membership.Status.ACTIVE
    )
    if search:
        memberships = memberships.filter(
            Q(user__name__icontains=search) | Q(user__email__icontains=search)
        )
    return memberships.select_related("user", "organization").order_by(
        "organization__name", "user__name", "user__email", "pk"
    )


def live_statuses(session: Session, user_ids: list[int]) -> dict[int, str]:
    """The status of each of these people who is registered or waiting in the session."""
    return dict(
        Enrollment.objects.filter(
            session=session,
            user_id__in=user_ids,
            status__in=[Enrollment.Status.REGISTERED, Enrollment.Status.WAITLISTED],
        ).values_list("user_id", "status")
    )


def cancellable_enrollments_of(user: User) -> QuerySet[Enrollment]:
    """The person's seats and waitlist places in sessions that have not started."""
    return Enrollment.objects.filter(
        user=user,
        status__in=[Enrollment.Status.REGISTERED, Enrollment.Status.WAITLISTED],
        session__starts_at__gt=timezone.now(),
    ).order_by("pk")
