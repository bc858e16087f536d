"""Reads that training pages share, each with a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from campaign.access import AnyUser
from campaign.lookups import AnyOf
from campaign.models import User
from partners.models import Membership, Organization
from partners.queries import active_organization_ids, descendant_ids, managed_organization_ids
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
        .annotate(n=Count("pk"))
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


@dataclass
class Completion:
    """A course a person completed: when, and the code of its certificate if one stands."""

    title: str
    day: date
    code: str = ""


@dataclass
class ReportRow:
    """One staff member's trainings in the report's date range."""

    membership: Membership
    completed: list[str] = field(default_factory=list)
    upcoming: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    waitlisted: list[str] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)


@dataclass
class CourseTotals:
    title: str
    completed: int = 0
    upcoming: int = 0
    missed: int = 0
    waitlisted: int = 0


def report_members(organization_ids: set[int]) -> QuerySet[Membership]:
    """Active members of the organizations, one row per person and organization."""
    return (
        Membership.objects.filter(
            organization_id__in=organization_ids, status=Membership.Status.ACTIVE
        )
        .select_related("user", "organization")
        .order_by("organization__name", "user__name", "user__email", "pk")
    )


def _in_range(moment_field: str, start: date | None, end: date | None) -> Q:
    condition = Q()
    if start:
        condition &= Q(**{f"{moment_field}__date__gte": start})
    if end:
        condition &= Q(**{f"{moment_field}__date__lte": end})
    return condition


def training_outcomes(
    user_ids: list[int], *, start: date | None, end: date | None
) -> list[tuple[int, str, str, Completion | None]]:
    """(user id, course title, completed/upcoming/missed/waitlisted, the completion) for
    these people in the range, in three queries whatever their number."""
    now = timezone.now()
    outcomes: list[tuple[int, str, str, Completion | None]] = []
    enrollments = (
        Enrollment.objects.filter(user_id__in=user_ids)
        .filter(_in_range("session__starts_at", start, end))
        .exclude(status=Enrollment.Status.CANCELLED)
        .exclude(session__status=Session.Status.CANCELLED)
        .values_list(
            "user_id",
            "session__course__title",
            "status",
            "session__ends_at",
            "certificate__code",
            "certificate__issued_on",
            "certificate__revoked_at",
        )
        .order_by("session__starts_at", "pk")
    )
    for user_id, title, status, ends_at, code, issued_on, revoked_at in enrollments:
        if status == Enrollment.Status.ATTENDED:
            day = issued_on or timezone.localdate(ends_at)
            done = Completion(title, day, code if code and revoked_at is None else "")
            outcomes.append((user_id, title, "completed", done))
        elif status == Enrollment.Status.NO_SHOW:
            outcomes.append((user_id, title, "missed", None))
        elif ends_at > now:
            waiting = status == Enrollment.Status.WAITLISTED
            outcomes.append((user_id, title, "waitlisted" if waiting else "upcoming", None))
    passes = (
        KnowledgeCheckAttempt.objects.filter(user_id__in=user_ids, passed=True)
        .values("user_id", "course__title")
        .annotate(first_pass=Min("submitted_at"))
        .order_by("first_pass")
    )
    codes = {
        (user_id, title): code
        for user_id, title, code in Certificate.objects.filter(
            user_id__in=user_ids, enrollment__isnull=True, revoked_at__isnull=True
        ).values_list("user_id", "course__title", "code")
    }
    for row in passes:
        day = timezone.localdate(row["first_pass"])
        if (start is None or day >= start) and (end is None or day <= end):
            title = row["course__title"]
            done = Completion(title, day, codes.get((row["user_id"], title), ""))
            outcomes.append((row["user_id"], title, "completed", done))
    return outcomes


def report_rows(
    memberships: list[Membership], *, start: date | None, end: date | None
) -> list[ReportRow]:
    """One row per membership (a page of them) with its person's trainings in the range,
    in two queries."""
    rows = [ReportRow(membership=m) for m in memberships]
    by_user: dict[int, list[ReportRow]] = defaultdict(list)
    for row in rows:
        by_user[row.membership.user_id].append(row)
    outcomes = training_outcomes(list(by_user), start=start, end=end)
    for user_id, title, outcome, completion in outcomes:
        for row in by_user[user_id]:
            getattr(row, outcome).append(title)
            if completion is not None:
                row.completions.append(completion)
    return rows


def streamed_report_rows(
    members: QuerySet[Membership], *, start: date | None, end: date | None, chunk: int = 500
) -> Iterator[ReportRow]:
    """`report_rows` of every membership, read and filled `chunk` at a time, so that
    memory stays flat however many members there are (one query for the members, two
    per chunk)."""
    batch: list[Membership] = []
    for membership in members.iterator(chunk_size=chunk):
        batch.append(membership)
        if len(batch) == chunk:
            yield from report_rows(batch, start=start, end=end)
            batch = []
    if batch:
        yield from report_rows(batch, start=start, end=end)


def course_totals(
    user_ids: list[int], *, start: date | None, end: date | None
) -> list[CourseTotals]:
    """Per course: how many of these people's trainings in the range were completed, are
    coming up or were missed; counted by the database (three queries), not row by row."""
    now = timezone.now()
    attended, no_show = Enrollment.Status.ATTENDED, Enrollment.Status.NO_SHOW
    waitlisted = Enrollment.Status.WAITLISTED
    totals: dict[str, CourseTotals] = {}
    counted = (
        Enrollment.objects.filter(AnyOf(F("user_id"), user_ids))
        .filter(_in_range("session__starts_at", start, end))
        .exclude(status=Enrollment.Status.CANCELLED)
        .exclude(session__status=Session.Status.CANCELLED)
        # Grouped by the course's id (no join to the courses for every enrollment); the
        # titles are read after, for the few courses counted.
        .values("session__course_id")
        # Counting `status` (never null) rather than the id keeps to the columns of the
        # covering index enrollment_user_outcomes: an index-only scan.
        .annotate(
            completed=Count("status", filter=Q(status=attended)),
            missed=Count("status", filter=Q(status=no_show)),
            upcoming=Count(
                "status",
                filter=~Q(status__in=[attended, no_show, waitlisted])
                & Q(session__ends_at__gt=now),
            ),
            waitlisted=Count("status", filter=Q(status=waitlisted) & Q(session__ends_at__gt=now)),
        )
        .order_by()
    )
    counted = list(counted)
    titles = dict(
        Course.objects.filter(pk__in=[row["session__course_id"] for row in counted]).values_list(
            "pk", "title"
        )
    )
    for row in counted:
        title = titles[row["session__course_id"]]
        course = totals.setdefault(title, CourseTotals(title=title))
        course.completed += row["completed"]
        course.upcoming += row["upcoming"]
        course.missed += row["missed"]
        course.waitlisted += row["waitlisted"]
    passes = (
        KnowledgeCheckAttempt.objects.filter(AnyOf(F("user_id"), user_ids), passed=True)
        .values("user_id", "course__title")
        .annotate(first_pass=Min("submitted_at"))
        .order_by()
    )
    for row in passes:
        day = timezone.localdate(row["first_pass"])
        if (start is None or day >= start) and (end is None or day <= end):
            course = totals.setdefault(row["course__title"], CourseTotals(row["course__title"]))
            course.completed += 1
    return sorted(
        (c for c in totals.values() if c.completed or c.upcoming or c.missed or c.waitlisted),
        key=lambda c: c.title,
    )


def eligible_organization_ids(session: Session) -> set[int]:
    """The listed organizations of a restricted session and everything below them."""
    listed = set(session.eligible_organizations.values_list("pk", flat=True))
    return descendant_ids(listed) if listed else set()


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
