"""The report's totals per course are counted once and kept: its other pages and reloads
read them from the cache, and every committed write they count retires them."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, SessionFactory, UserFactory
from tests.training.test_report import past_session
from training import services
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def totals(response) -> dict[str, tuple[int, int, int, int]]:
    return {
        c.title: (c.completed, c.upcoming, c.missed, c.waitlisted)
        for c in response.context["totals"]
    }


@pytest.fixture
def report(client, partners):
    client.force_login(partners.police_coordinator)
    return lambda **query: client.get(
        reverse("training:report", args=[partners.police.slug]), query
    )


def test_the_totals_are_counted_once_for_every_page_of_the_report(
    report, partners, django_assert_num_queries
):
    for _person in range(30):  # two pages of 25
        person = MembershipFactory(organization=partners.police, user=UserFactory()).user
        Enrollment.objects.create(
            user=person, session=past_session("Awareness Webinar"), status="attended"
        )
    first = report()
    # The first page takes 18 (test_report); nothing is counted again here.
    with django_assert_num_queries(12):
        second = report(page=2)
    assert totals(second) == totals(first) == {"Awareness Webinar": (30, 0, 0, 0)}


def test_a_committed_write_the_totals_count_retires_them(
    report, partners, django_capture_on_commit_callbacks
):
    assert totals(report()) == {}
    session = SessionFactory(course__title="Investigations")
    with django_capture_on_commit_callbacks(execute=True):
        services.enroll(user=partners.police_staff, session=session)
    assert totals(report()) == {"Investigations": (0, 1, 0, 0)}
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = MembershipFactory(organization=partners.police, user=UserFactory()).user
        services.enroll(user=newcomer, session=session)
    assert totals(report()) == {"Investigations": (0, 2, 0, 0)}


def test_each_date_range_is_counted_apart(report, partners):
    Enrollment.objects.create(
        user=partners.police_staff,
        session=past_session("Awareness Webinar", days_ago=30),
        status="attended",
    )
    assert totals(report()) == {"Awareness Webinar": (1, 0, 0, 0)}
    recent = (past_session("Other", days_ago=1).starts_at.date()).isoformat()
    assert totals(report(start=recent)) == {}
