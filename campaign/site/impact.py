"""The impact page's figures, computed from the portal's own records.

Counts of people are suppressed below MIN_PEOPLE (shown as "fewer than 5"), so that no cell
of a breakdown points at one or two people someone could recognize (a small tribal police
department that sent one officer, say). Where a breakdown would hide a single cell, its
next smallest cell is hidden too, so that the hidden one cannot be worked out from the
total. Counts of organizations and sessions are public facts and shown as they are.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Aggregate, Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from campaign.dates import date_as
from campaign.page_cache import bump_page_version
from campaign.small_groups import MIN_PEOPLE, too_few_people  # noqa: F401 - views read it here
from partners.models import Organization
from partners.states import US_STATES
from resources.models import DownloadMonth, MaterialOrder, OrderItem, Resource
from training.models import Certificate, Enrollment, Session

MONTHS = 12

ATTENDED = Q(status=Enrollment.Status.ATTENDED)
VALID_CERTIFICATE = Q(revoked_at__isnull=True)
SHIPPED_ITEMS = Q(order__status=MaterialOrder.Status.SHIPPED, order__shipped_at__isnull=False)


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


# Lazy, like the titles: the figures are kept in the cache and shown in each page's language.
lazy_date_as = lazy(date_as, str)


def people(count: int) -> int | None:
    return None if too_few_people(count) else count


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
    for _month in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def month_counts(queryset, date_field: str, count) -> dict[date, int]:
    """{first day of month: count} for rows of `queryset`, months in the site's time zone."""
    rows = (
        queryset.annotate(bucket=TruncMonth(date_field))
        .values("bucket")
        .annotate(n=count)
        .values_list("bucket", "n")
    )
    return {
        (month.date() if isinstance(month, datetime) else month).replace(day=1): n
        for month, n in rows
        if month is not None
    }


@dataclass
class MonthlyCount:
    """How one month-by-month breakdown is counted: `count` over `rows` by `date_field`."""

    key: str
    title: str
    unit: str
    rows: Callable[[], QuerySet]
    date_field: str
    count: Callable[[], Aggregate]
    of_people: bool = False
    date_only: bool = False  # the field holds a date, not a moment

    def breakdown(self, months: list[date]) -> Breakdown:
        lookup = "gte" if self.date_only else "date__gte"
        since = {f"{self.date_field}__{lookup}": months[0]}
        counts = month_counts(self.rows().filter(**since), self.date_field, self.count())
        values = [counts.get(month, 0) for month in months]
        return Breakdown(
            key=self.key,
            title=self.title,
            unit=self.unit,
            rows=[
                Row(lazy_date_as(month, "short month"), people(value) if self.of_people else value)
                for month, value in zip(months, values, strict=True)
            ],
            monthly=True,
        )


MONTHLY = [
    MonthlyCount(
        key="trained_by_month",
        title=_("People trained, month by month"),
        unit=_("people"),
        rows=lambda: Enrollment.objects.filter(ATTENDED),
        date_field="session__starts_at",
        count=lambda: Count("user", distinct=True),
        of_people=True,
    ),
    MonthlyCount(
        key="sessions_by_month",
        title=_("Training sessions delivered, month by month"),
        unit=_("sessions"),
        rows=lambda: Session.objects.filter(status=Session.Status.COMPLETED),
        date_field="starts_at",
        count=lambda: Count("pk"),
    ),
    MonthlyCount(
        key="certificates_by_month",
        title=_("Certificates issued, month by month"),
        unit=_("certificates"),
        rows=lambda: Certificate.objects.filter(VALID_CERTIFICATE),
        date_field="issued_at",
        count=lambda: Count("pk"),
        # A certificate names one person: a count of one to four is a count of people.
        of_people=True,
    ),
    MonthlyCount(
        key="downloads_by_month",
        title=_("Materials downloaded, month by month"),
        unit=_("downloads"),
        rows=lambda: DownloadMonth.objects.all(),
        date_field="month",
        date_only=True,
        count=lambda: Sum("count"),
    ),
    MonthlyCount(
        key="copies_shipped_by_month",
        title=_("Printed copies shipped, month by month"),
        unit=_("copies"),
        rows=lambda: OrderItem.objects.filter(SHIPPED_ITEMS),
        date_field="order__shipped_at",
        count=lambda: Sum("quantity"),
    ),
]


def active_partners_by(field_name: str) -> dict[str, int]:
    """{value of the field: number of active organizations}."""
    return dict(
        # No ordering: the translated model's manager makes Meta.ordering explicit, and an
        # explicit ordering joins the GROUP BY.
        Organization.objects.filter(status=Organization.Status.ACTIVE)
        .order_by()
        .values(field_name)
        .annotate(n=Count("pk"))
        .values_list(field_name, "n")
    )


def partners_by_kind() -> Breakdown:
    counts = active_partners_by("kind")
    return Breakdown(
        key="partners_by_kind",
        title=_("Active partners by kind"),
        unit=_("organizations"),
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
        key="partners_by_state",
        title=_("Active partners by state"),
        unit=_("organizations"),
        rows=rows,
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
        title=_("People trained by audience of the course"),
        unit=_("people"),
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
        title=_("People trained by kind of organization"),
        unit=_("people"),
        rows=rows,
    )


@dataclass
class Totals:
    active_partners: int
    people_trained: int | None
    sessions_delivered: int
    certificates_issued: int | None
    materials_downloaded: int
    copies_shipped: int


def totals() -> Totals:
    """The headline counts, all time."""
    return Totals(
        active_partners=Organization.objects.filter(status=Organization.Status.ACTIVE).count(),
        people_trained=people(
            Enrollment.objects.filter(ATTENDED).values("user").distinct().count()
        ),
        sessions_delivered=Session.objects.filter(status=Session.Status.COMPLETED).count(),
        # A certificate names one person: a count of one to four is a count of people.
        certificates_issued=people(Certificate.objects.filter(VALID_CERTIFICATE).count()),
        materials_downloaded=Resource.objects.aggregate(n=Sum("download_count"))["n"] or 0,
        copies_shipped=OrderItem.objects.filter(SHIPPED_ITEMS).aggregate(n=Sum("quantity"))["n"]
        or 0,
    )


def breakdowns(today: date | None = None) -> list[Breakdown]:
    """Every breakdown the impact page shows and its downloads carry, one query each."""
    months = last_months(today or timezone.localdate())
    return [
        partners_by_kind(),
        partners_by_state(),
        trained_by_audience(),
        trained_by_organization_kind(),
        *(monthly.breakdown(months) for monthly in MONTHLY),
    ]


# The figures aggregate every enrollment, certificate and order: at scale that takes
# seconds, so pages read them precomputed. `refresh_impact_figures` (a scheduled job, every
# few minutes) recomputes them; the cache keeps them a little longer than the job's period
# so a missed run does not make a visitor pay, and the first request after a flush
# computes them once.
FIGURES_CACHE_KEY = "campaign.impact.figures"
FIGURES_MAX_AGE = 30 * 60


@dataclass
class Figures:
    totals: Totals
    breakdowns: list[Breakdown]
    computed_at: datetime


def refresh_impact_figures() -> Figures:
    """Recomputes every impact figure and stores them for the pages; returns them."""
    figures = Figures(totals=totals(), breakdowns=breakdowns(), computed_at=timezone.now())
    before = cache.get(FIGURES_CACHE_KEY)
    cache.set(FIGURES_CACHE_KEY, figures, FIGURES_MAX_AGE)
    if before is None or (before.totals, before.breakdowns) != (
        figures.totals,
        figures.breakdowns,
    ):
        bump_page_version()  # kept pages show the figures (home, impact)
    return figures


def current_figures() -> Figures:
    """The precomputed figures (computed now if none are stored yet)."""
    return cache.get(FIGURES_CACHE_KEY) or refresh_impact_figures()
