"""The impact page's figures, computed from the portal's own records.

Counts of people are suppressed below MIN_PEOPLE (shown as "fewer than 5"), so that no cell
of a breakdown points at one or two people someone could recognize (a small tribal police
department that sent one officer, say). Where a breakdown would hide a single cell, its
next smallest cell is hidden too, so that the hidden one cannot be worked out from the
total. Counts of organizations and sessions are public facts and shown as they are.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from partners.models import Organization
from partners.states import US_STATES
from training.models import Enrollment, Session

MIN_PEOPLE = 5
MONTHS = 12

ATTENDED = Q(status=Enrollment.Status.ATTENDED)


@dataclass
class Row:
    label: str
    value: int | None  # None: suppressed because it counts fewer than MIN_PEOPLE people

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass
class Breakdown:
    key: str
    title: str
    unit: str
    rows: list[Row] = field(default_factory=list)
    monthly: bool = False

    @property
    def total(self) -> int:
        return sum(row.value or 0 for row in self.rows)


def people(count: int) -> int | None:
    return None if 0 < count < MIN_PEOPLE else count


def people_rows(counts: list[tuple[str, int]]) -> list[Row]:
    """Rows of people counts, small ones suppressed, and never one suppressed cell alone."""
    rows = [Row(label, people(count)) for label, count in counts]
    if sum(row.suppressed for row in rows) == 1:
        shown = [row for row in rows if row.value]
        if shown:
            min(shown, key=lambda row: row.value).value = None
    return rows


def last_months(today: date, months: int = MONTHS) -> list[date]:
    """The first day of each of the last `months` months, oldest first, this month last."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def monthly_rows(counts: dict[date, int], months: list[date], *, of_people: bool) -> list[Row]:
    return [
        Row(
            label=month.strftime("%b %Y"),
            value=people(counts.get(month, 0)) if of_people else counts.get(month, 0),
        )
        for month in months
    ]


def month_counts(queryset, date_field: str, count) -> dict[date, int]:
    """{first day of month: count} for rows of `queryset`, months in the site's time zone."""
    rows = (
        queryset.annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(n=count)
        .values_list("month", "n")
    )
    return {
        (month.date() if hasattr(month, "date") else month).replace(day=1): n
        for month, n in rows
        if month is not None
    }


def active_partners_by(field_name: str) -> dict[str, int]:
    """{value of the field: number of active organizations}."""
    return dict(
        Organization.objects.filter(status=Organization.Status.ACTIVE)
        .values(field_name)
        .annotate(n=Count("pk"))
        .values_list(field_name, "n")
    )


def partners_by_kind() -> Breakdown:
    counts = active_partners_by("kind")
    return Breakdown(
        key="partners_by_kind",
        title="Active partners by kind",
        unit="organizations",
        rows=[
            Row(label, counts[kind]) for kind, label in Organization.Kind.choices if kind in counts
        ],
    )


def partners_by_state() -> Breakdown:
    counts = active_partners_by("state")
    rows = [Row(name, counts[code]) for code, name in US_STATES if code in counts]
    if counts.get(""):
        rows.append(Row("Outside the U.S. or no state given", counts[""]))
    return Breakdown(
        key="partners_by_state", title="Active partners by state", unit="organizations", rows=rows
    )


def trained_by_audience() -> Breakdown:
    attended = Enrollment.objects.filter(ATTENDED)
    counts = (
        attended.values("session__course__audiences__name", "session__course__audiences__position")
        .annotate(n=Count("user", distinct=True))
        .order_by("session__course__audiences__position", "session__course__audiences__name")
        .values_list("session__course__audiences__name", "n")
    )
    rows = people_rows([(name or "No audience given", n) for name, n in counts])
    return Breakdown(
        key="trained_by_audience",
        title="People trained by audience of the course",
        unit="people",
        rows=rows,
    )


def trained_by_organization_kind() -> Breakdown:
    counts = dict(
        Enrollment.objects.filter(ATTENDED)
        .values("organization__kind")
        .annotate(n=Count("user", distinct=True))
        .values_list("organization__kind", "n")
    )
    labelled = [
        (label, counts[kind]) for kind, label in Organization.Kind.choices if kind in counts
    ]
    if counts.get(None):
        labelled.append(("No organization", counts[None]))
    rows = people_rows(labelled)
    return Breakdown(
        key="trained_by_organization_kind",
        title="People trained by kind of organization",
        unit="people",
        rows=rows,
    )


def trained_by_month(months: list[date]) -> Breakdown:
    counts = month_counts(
        Enrollment.objects.filter(ATTENDED, session__starts_at__date__gte=months[0]),
        "session__starts_at",
        Count("user", distinct=True),
    )
    return Breakdown(
        key="trained_by_month",
        title="People trained, month by month",
        unit="people",
        rows=monthly_rows(counts, months, of_people=True),
        monthly=True,
    )


def sessions_by_month(months: list[date]) -> Breakdown:
    counts = month_counts(
        Session.objects.filter(status=Session.Status.COMPLETED, starts_at__date__gte=months[0]),
        "starts_at",
        Count("pk"),
    )
    return Breakdown(
        key="sessions_by_month",
        title="Training sessions delivered, month by month",
        unit="sessions",
        rows=monthly_rows(counts, months, of_people=False),
        monthly=True,
    )


@dataclass
class Totals:
    active_partners: int
    people_trained: int | None
    sessions_delivered: int


def totals() -> Totals:
    """The headline counts, all time."""
    return Totals(
        active_partners=Organization.objects.filter(status=Organization.Status.ACTIVE).count(),
        people_trained=people(
            Enrollment.objects.filter(ATTENDED).values("user").distinct().count()
        ),
        sessions_delivered=Session.objects.filter(status=Session.Status.COMPLETED).count(),
    )


def breakdowns(today: date | None = None) -> list[Breakdown]:
    """Every breakdown the impact page shows and its downloads carry, one query each."""
    months = last_months(today or timezone.localdate())
    return [
        partners_by_kind(),
        partners_by_state(),
        trained_by_audience(),
        trained_by_organization_kind(),
        trained_by_month(months),
        sessions_by_month(months),
    ]
