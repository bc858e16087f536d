"""The admin's first page shows what waits for someone, each line a link to the filtered
list, and the sessions of today and this week, in a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import FailedEmail
from partners.models import Membership
from resources import services as resource_services
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    OrganizationFactory,
    ResourceFactory,
    SessionFactory,
    place_material_order,
    submit_partner_application,
)
from training.models import Session, TrainingRequest

pytestmark = pytest.mark.django_db


def counts(page: str) -> dict[str, str]:
    """Each dashboard line's label and count."""
    return dict(
        re.findall(
            r'<th scope="row"><a href="[^"]*">([^<]+)</a>.*?</th>\s*'
            r"<td>(?:<strong[^>]*>(\d+)</strong>)?",
            page,
            re.S,
        )
    )


def work_to_do(campaign_admin, *, n: int) -> None:
    """n of each kind of waiting work."""
    organization = OrganizationFactory()
    poster = ResourceFactory(orderable=True)
    now = timezone.now()
    course = CourseFactory()
    for i in range(n):
        submit_partner_application(f"Office {i}")
        stale = MembershipFactory(organization=organization, status="pending")
        Membership.objects.filter(pk=stale.pk).update(requested_at=now - timedelta(days=4))
        MembershipFactory(organization=organization, status="pending")
        TrainingRequest.objects.create(
            requested_by=campaign_admin, organization=organization, course=course,
            audience="Patrol", expected_attendees=5, delivery="online", preferred_dates="Soon",
        )  # fmt: skip
        place_material_order(items=[(poster, 5)])
        approved = place_material_order(items=[(poster, 5)])
        resource_services.approve_order(order=approved, decided_by=campaign_admin)
        SessionFactory(course=course, capacity=10, starts_at=now + timedelta(days=3 + i % 5))
        SessionFactory(course=course, starts_at=now + timedelta(minutes=30 + i))
        FailedEmail.objects.create(kind="test", recipient="x@example.org", subject="S", error="E")


def test_the_dashboard_counts_what_waits_and_links_to_each_filtered_list(
    admin_client, campaign_admin
):
    work_to_do(campaign_admin, n=2)
    SessionFactory(capacity=10, starts_at=timezone.now() + timedelta(days=30))  # not soon
    full = SessionFactory(capacity=2, starts_at=timezone.now() + timedelta(days=2))
    Session.objects.filter(pk=full.pk).update(registered_seats=1)  # half full is enough
    page = admin_client.get(reverse("admin:index")).content.decode()
    shown = counts(page)
    assert shown["Partner applications to decide"] == "2"
    assert shown["Join requests waiting more than 3 days"] == "2"
    assert shown["Training requests to answer"] == "2"
    assert shown["Print orders to approve"] == "2"
    assert shown["Approved print orders to ship"] == "2"
    assert shown["Sessions starting within 14 days that are less than half full"] == "4"
    assert shown["Failed emails to follow up"] == "2"
    assert "no minimum enrollment yet" in page
    # Each line leads to the list it counts, and that list shows the same number.
    for label, expected in [
        ("Partner applications to decide", 2),
        ("Join requests waiting more than 3 days", 2),
        ("Training requests to answer", 2),
        ("Print orders to approve", 2),
        ("Sessions starting within 14 days that are less than half full", 4),
    ]:
        url = re.search(rf'<a href="([^"]+)">{label}</a>', page).group(1).replace("&amp;", "&")
        listing = admin_client.get(url)
        assert listing.status_code == 200, label
        assert listing.context["cl"].result_count == expected, label


def test_todays_sessions_are_listed_with_a_link_to_each(admin_client, campaign_admin):
    soon = SessionFactory(
        course=CourseFactory(title="Harbor Patrol Basics"),
        # Noon in the site's zone is today at any hour the test runs.
        starts_at=timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0),
    )
    page = admin_client.get(reverse("admin:index")).content.decode()
    today = page.split("Today&#x27;s sessions")[1].split("</table>")[0]
    assert "Harbor Patrol Basics" in today
    assert reverse("admin:training_session_change", args=[soon.pk]) in today


def test_the_dashboard_runs_a_fixed_number_of_queries(
    admin_client, campaign_admin, django_assert_num_queries
):
    work_to_do(campaign_admin, n=1)
    admin_client.get(reverse("admin:index"))
    with django_assert_num_queries(13):
        admin_client.get(reverse("admin:index"))
    work_to_do(campaign_admin, n=6)
    with django_assert_num_queries(13):
        admin_client.get(reverse("admin:index"))
