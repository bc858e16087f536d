"""Believable dates for demo records: weekdays in working hours, counted from today, so a
demo loaded on any day looks like an office's calendar."""

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils import timezone

# Zones of U.S. states and territories, east to west and across the date line: the live
# demo session is held in the first where it is working hours now.
US_ZONES = [
    "America/Puerto_Rico",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "Pacific/Guam",
]
WORKING_HOURS = range(8, 17)


def weekday(day: date, *, later: bool = True) -> date:
    """`day`, or the nearest weekday after it (before it when `later` is false)."""
    step = timedelta(days=1 if later else -1)
    while day.weekday() >= 5:
        day += step
    return day


def working_day(days: int, hour: int, zone: str, *, today: date | None = None) -> datetime:
    """`hour` o'clock in `zone` on the weekday nearest `days` days from today (moving away
    from today, so a future date stays future and a past one past)."""
    today = today or timezone.localdate()
    day = weekday(today + timedelta(days=days), later=days >= 0)
    return datetime.combine(day, time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def this_year(days_ago: int, hour: int, zone: str, *, now: datetime | None = None) -> datetime:
    """A weekday in working hours about `days_ago` days back, kept inside the current year
    (early January gives the year's first weekday, and never a time still to come)."""
    now = now or timezone.now()
    tz = zoneinfo.ZoneInfo(zone)
    today = timezone.localtime(now, tz).date()
    day = weekday(max(today - timedelta(days=days_ago), date(today.year, 1, 1)))
    moment = datetime.combine(day, time(hour), tzinfo=tz)
    if moment > now:
        return now.astimezone(tz).replace(minute=0, second=0, microsecond=0)
    return moment


def last_year(month: int, day: int, hour: int, zone: str, *, today: date | None = None):
    """`hour` o'clock in `zone` on the weekday on or after `month`/`day` of last year."""
    today = today or timezone.localdate()
    moment = weekday(date(today.year - 1, month, day))
    return datetime.combine(moment, time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def live_zone(now: datetime | None = None) -> str:
    """The first U.S. zone where it is working hours at `now` (New York's when none is)."""
    now = now or timezone.now()
    for zone in US_ZONES:
        if now.astimezone(zoneinfo.ZoneInfo(zone)).hour in WORKING_HOURS:
            return zone
    return "America/New_York"
