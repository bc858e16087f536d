"""Reads that training pages share, each with a fixed number of queries."""

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from campaign.models import User
from training.models import CalendarFeed, Course, Enrollment, Session

REGISTERED = Q(enrollments__status=Enrollment.Status.REGISTERED)
WAITLISTED = Q(enrollments__status=Enrollment.Status.WAITLISTED)


def with_seat_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Adds `registered` and `waitlisted` counts to each session."""
    return sessions.annotate(
        registered=Count("enrollments", filter=REGISTERED),
        waitlisted=Count("enrollments", filter=WAITLISTED),
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
    """(upcoming, past) live enrollments, each with `.position` when waitlisted."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
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


def feed_for(user: User) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def sessions_of(user: User) -> QuerySet[Session]:
    """Sessions the person is registered or waitlisted for (or attended)."""
    live = Enrollment.objects.filter(user=user).exclude(status=Enrollment.Status.CANCELLED)
    return Session.objects.filter(pk__in=live.values("session_id")).select_related("course")


def sessions_provided_by(organization) -> QuerySet[Session]:
    """Upcoming sessions of the courses an organization provides."""
    return upcoming_sessions().filter(course__provider=organization)
