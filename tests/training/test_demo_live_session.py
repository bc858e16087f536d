"""The demo's session on now: in progress whatever the hour and day the demo is loaded,
held in working hours where any U.S. zone has them, and moved to now on every load."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.demo_dates import WORKING_HOURS, live_zone
from training import checkin
from training.demo import LIVE_JOIN_URL, ensure_live_session
from training.models import Session

pytestmark = pytest.mark.django_db

# A Wednesday and a Sunday, every hour of each.
MOMENTS = [datetime(2026, 11, day, hour, 20, tzinfo=UTC) for day in (25, 29) for hour in range(24)]


def test_the_live_session_is_in_progress_at_any_hour_the_demo_is_loaded(monkeypatch):
    call_command("load_demo")
    sessions_before = Session.objects.count()
    for moment in MOMENTS:
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        live = ensure_live_session(trainers=[], learners=[])
        assert live.starts_at <= moment < live.ends_at, moment
        assert (live.ends_at - moment).total_seconds() >= 6 * 3600, moment
        assert checkin.is_open(live, moment)
        assert live.time_zone == live_zone(moment)
        local = live.local_start
        assert local.minute == 0
    assert Session.objects.count() == sessions_before
    assert Session.objects.filter(join_url=LIVE_JOIN_URL).count() == 1


def test_the_live_session_starts_in_working_hours_wherever_a_us_zone_has_them():
    """From Puerto Rico to Guam some U.S. zone is at work but between 07:00 and 12:00 UTC
    (New York's zone then)."""
    for moment in MOMENTS:
        zone = live_zone(moment)
        local_hour = moment.astimezone(zoneinfo.ZoneInfo(zone)).hour
        if moment.hour in range(7, 12):
            assert zone == "America/New_York"
        else:
            assert local_hour in WORKING_HOURS, moment


def test_the_demo_sessions_show_the_seats_their_enrollments_take(client):
    """The demo writes its enrollments directly; the seat counts pages read follow them."""
    call_command("load_demo")
    live = Session.objects.get(join_url=LIVE_JOIN_URL)
    assert "25 of 30 left" in client.get(live.get_absolute_url()).content.decode()
    full = Session.objects.get(course__slug="first-responder-awareness", capacity=3)
    assert "Full; 2 on the waitlist" in client.get(full.get_absolute_url()).content.decode()
