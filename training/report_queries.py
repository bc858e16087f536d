"""The reads of the coordinator's training report: who of the organization's people
completed, missed, will attend or waits for which training, with dates and certificate codes."""

import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from campaign.lookups import AnyOf
from campaign.typed_content import in_page_language
from partners.models import Membership
from training.models import (
    Certificate,
    Course,
    Enrollment,
    KnowledgeCheckAttempt,
    Session,
)


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


def _live_enrollments(user_ids: list[int], start: date | None, end: date | None):
    """These people's enrollments in sessions starting in the range, neither theirs nor
    the session cancelled."""
    return (
        Enrollment.objects.filter(AnyOf(F("user_id"), user_ids))
        .filter(_in_range("session__starts_at", start, end))
        .exclude(status=Enrollment.Status.CANCELLED)
        .exclude(session__status=Session.Status.CANCELLED)
    )


def _first_passes(
    user_ids: list[int], start: date | None, end: date | None
) -> Iterator[tuple[int, int, str, date]]:
    """(user id, course id, its title in the page's language, day) of each person's first
    pass of each on-demand course's knowledge check, earliest first, when that day is in
    the range (one query)."""
    passes = (
        KnowledgeCheckAttempt.objects.filter(AnyOf(F("user_id"), user_ids), passed=True)
        .values("user_id", "course_id")
        .annotate(title=in_page_language("course__title"), first_pass=Min("submitted_at"))
        .order_by("first_pass")
    )
    for row in passes:
        day = timezone.localdate(row["first_pass"])
        if (start is None or day >= start) and (end is None or day <= end):
            yield row["user_id"], row["course_id"], row["title"], day


def training_outcomes(
    user_ids: list[int], *, start: date | None, end: date | None
) -> list[tuple[int, str, str, Completion | None]]:
    """(user id, course title, completed/upcoming/missed/waitlisted, the completion) for
    these people in the range, in three queries whatever their number."""
    now = timezone.now()
    outcomes: list[tuple[int, str, str, Completion | None]] = []
    enrollments = (
        _live_enrollments(user_ids, start, end)
        .annotate(title=in_page_language("session__course__title"))
        .values_list(
            "user_id",
            "title",
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
    codes = {
        (user_id, course_id): code
        for user_id, course_id, code in Certificate.objects.filter(
            user_id__in=user_ids, enrollment__isnull=True, revoked_at__isnull=True
        ).values_list("user_id", "course_id", "code")
    }
    for user_id, course_id, title, day in _first_passes(user_ids, start, end):
        done = Completion(title, day, codes.get((user_id, course_id), ""))
        outcomes.append((user_id, title, "completed", done))
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
        _live_enrollments(user_ids, start, end)
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
    for _user_id, _course_id, title, _day in _first_passes(user_ids, start, end):
        totals.setdefault(title, CourseTotals(title)).completed += 1
    return sorted(
        (c for c in totals.values() if c.completed or c.upcoming or c.missed or c.waitlisted),
        key=lambda c: c.title,
    )


# The feed's status of a completion: a session attended, or an on-demand course passed.
ATTENDED = "attended"
PASSED_ONLINE = "passed_online"
FEED_COLUMNS = (
    "sort_at",
    "kind",
    "row_id",
    "user__name",
    "user__email",
    "organization_name",
    "course_title",
    "session_start",
    "session_zone",
    "course_minutes",
    "certificate_code",
    "certificate_hours",
    "certificate_issued_on",
    "certificate_revoked_at",
)


@dataclass
class FeedCompletion:
    """One completion of the feed: an attended session, or an on-demand course passed
    (no session), with its certificate if one was issued."""

    name: str
    email: str
    organization: str
    course: str
    session_date: date | None
    hours: float
    status: str
    certificate_code: str | None
    certificate_issued_on: date | None
    certificate_revoked_on: date | None


def _feed_part(
    rows: QuerySet,
    *,
    kind: str,
    sort_at: str,
    course: str,
    session: str | None,
    certificate: str,
    organization_name: Subquery,
) -> QuerySet:
    """One half of the feed's union: `rows` as FEED_COLUMNS. `course`, `session` and
    `certificate` are the paths from a row to those records ("" for the row itself, None
    when there is none), `sort_at` the moment it is ordered by."""
    if session is None:
        session_start = Value(None, output_field=DateTimeField())
        session_zone = Value(None, output_field=CharField())
    else:
        session_start, session_zone = F(f"{session}starts_at"), F(f"{session}time_zone")
    return (
        rows.annotate(
            sort_at=F(sort_at),
            kind=Value(kind),
            row_id=F("pk"),
            organization_name=organization_name,
            course_title=F(f"{course}title"),
            session_start=session_start,
            session_zone=session_zone,
            course_minutes=F(f"{course}duration_minutes"),
            certificate_code=F(f"{certificate}code"),
            certificate_hours=F(f"{certificate}hours"),
            certificate_issued_on=F(f"{certificate}issued_on"),
            certificate_revoked_at=F(f"{certificate}revoked_at"),
        )
        .values_list(*FEED_COLUMNS)
        # The union is ordered as a whole; its parts keep no order of their own (SQLite refuses).
        .order_by()
    )


def completions_since(
    organization_ids: set[int], *, since: date, offset: int, limit: int
) -> list[FeedCompletion]:
    """The completions since `since` of the active members of these organizations, oldest
    first, rows offset to offset + limit, in one query whatever their number: the sessions
    they attended that started on or after that day, and the certificates of on-demand
    courses issued since. Each person is named with the first of these organizations they
    belong to, by name."""
    members = Membership.objects.filter(
        organization_id__in=organization_ids, status=Membership.Status.ACTIVE
    )
    organization_name = Subquery(
        members.filter(user_id=OuterRef("user_id"))
        .order_by("organization__name", "pk")
        .values("organization__name")[:1]
    )
    people = members.values("user_id")
    start = datetime.combine(since, time.min, tzinfo=timezone.get_current_timezone())
    sessions = _feed_part(
        Enrollment.objects.filter(
            status=Enrollment.Status.ATTENDED, session__starts_at__gte=start, user_id__in=people
        ),
        kind=ATTENDED,
        sort_at="session__starts_at",
        course="session__course__",
        session="session__",
        certificate="certificate__",
        organization_name=organization_name,
    )
    on_demand = _feed_part(
        Certificate.objects.filter(
            enrollment__isnull=True, issued_on__gte=since, user_id__in=people
        ),
        kind=PASSED_ONLINE,
        sort_at="issued_at",
        course="course__",
        session=None,
        certificate="",
        organization_name=organization_name,
    )
    rows = sessions.union(on_demand, all=True).order_by("sort_at", "kind", "row_id")
    return [
        FeedCompletion(
            name=name,
            email=email,
            organization=organization,
            course=course,
            session_date=start_at.astimezone(zoneinfo.ZoneInfo(zone)).date() if start_at else None,
            hours=float(hours if hours is not None else round(minutes / 60, 2)),
            status=kind,
            certificate_code=code,
            certificate_issued_on=issued_on,
            certificate_revoked_on=timezone.localdate(revoked_at) if revoked_at else None,
        )
        for (
            _sort_at,
            kind,
            _row_id,
            name,
            email,
            organization,
            course,
            start_at,
            zone,
            minutes,
            code,
            hours,
            issued_on,
            revoked_at,
        ) in rows[offset : offset + limit]
    ]
