"""Demo dates fall on weekdays in office hours, news is from this year and last, whatever
day the demo is loaded."""

import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.demo_dates import last_year, this_year, weekday, working_day

LA = "America/Los_Angeles"


@pytest.mark.parametrize("today", [date(2026, 11, 27) + timedelta(days=n) for n in range(7)])
@pytest.mark.parametrize("days", [-20, -1, 0, 1, 5, 26])
def test_working_day_is_a_weekday_on_the_same_side_of_today(today, days):
    moment = working_day(days, 10, LA, today=today)
    assert moment.weekday() < 5 and moment.hour == 10
    if days > 0:
        assert moment.date() > today
    elif days < 0:
        assert moment.date() < today


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 1, 1, 3, tzinfo=UTC),  # a Thursday, New Year's night
        datetime(2026, 1, 5, 20, tzinfo=UTC),
        datetime(2026, 11, 29, 20, tzinfo=UTC),  # a Sunday
        datetime(2027, 1, 2, 12, tzinfo=UTC),  # a Saturday
    ],
)
def test_this_years_news_is_from_this_year_and_not_from_the_future(now):
    moment = this_year(18, 10, LA, now=now)
    local_year = now.astimezone(zoneinfo.ZoneInfo(LA)).year
    assert moment.year == local_year and moment <= now


def test_last_years_news_is_a_weekday_of_last_year():
    moment = last_year(9, 15, 11, LA, today=date(2026, 11, 25))
    assert moment.date() == date(2025, 9, 15) and moment.weekday() < 5
    assert weekday(date(2026, 11, 28)) == date(2026, 11, 30)
    assert weekday(date(2026, 11, 28), later=False) == date(2026, 11, 27)


@pytest.mark.django_db
def test_the_demo_keeps_office_hours():
    from campaign.models import NewsPost
    from resources.models import MaterialOrder
    from training.demo import LIVE_JOIN_URL
    from training.models import Session

    call_command("load_demo")
    for session in Session.objects.exclude(join_url=LIVE_JOIN_URL):
        local = session.local_start
        assert local.weekday() < 5 and 8 <= local.hour < 17, (session.course.slug, local)
    published = NewsPost.objects.filter(status="published").values_list("published_at", flat=True)
    year = timezone.localdate().year
    years = {moment.year for moment in published}
    assert {year, year - 1} <= years
    for moment in published:
        local = timezone.localtime(moment, zoneinfo.ZoneInfo(LA))
        assert local.weekday() < 5 and 8 <= local.hour < 17, moment
    from partners.models import Membership

    for membership in Membership.objects.all():
        moment = membership.started_at or membership.requested_at
        assert timezone.localtime(moment).weekday() < 5 and moment < timezone.now()
        if membership.started_at:
            assert membership.started_at.date() < timezone.localdate()
    for order in MaterialOrder.objects.all():
        assert timezone.localtime(order.submitted_at).weekday() < 5
        for moment in (order.approved_at, order.shipped_at):
            assert moment is None or moment >= order.submitted_at
