"""Training requests: coordinators ask, admins accept (a session only for that
organization) or decline with a reason."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, UserFactory, accept_training_request
from training import access, services
from training.models import Session, TrainingRequest

pytestmark = pytest.mark.django_db


def a_request(partners, **overrides) -> TrainingRequest:
    details = {
        "course": CourseFactory(title="Investigating Human Trafficking"),
        "audience": "Patrol officers",
        "expected_attendees": 30,
        "delivery": "online",
        "preferred_dates": "Any Tuesday in March",
        **overrides,
    }
    return services.submit_training_request(
        requested_by=partners.police_coordinator, organization=partners.police, **details
    )


def test_a_coordinator_requests_from_the_page_and_admins_are_told(
    client, partners, campaign_admin, django_capture_on_commit_callbacks
):
    course = CourseFactory(title="Investigating Human Trafficking")
    url = reverse("training:request")
    client.force_login(partners.police_coordinator)
    response = client.post(url, {"organization": partners.police.pk, "delivery": "in_person"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose a course or describe a topic" in page and "Give the address" in page
    assert not TrainingRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "organization": partners.police.pk,
                "course": course.pk,
                "audience": "Patrol officers",
                "expected_attendees": 30,
                "delivery": "online",
                "preferred_dates": "Any Tuesday in March",
            },
        )
    assert response.status_code == 302
    training_request = TrainingRequest.objects.get()
    assert training_request.requested_by == partners.police_coordinator
    assert [m.to for m in mail.outbox] == [[campaign_admin.email]]
    assert "Investigating Human Trafficking" in client.get(url).content.decode()


def test_only_coordinators_may_request_and_only_for_their_organizations(client, partners):
    url = reverse("training:request")
    assert client.get(url).status_code == 302
    client.force_login(partners.police_staff)
    assert client.get(url).status_code == 403
    client.force_login(partners.police_coordinator)
    response = client.post(
        url,
        {"organization": partners.other.pk, "topic": "Basics", "audience": "All",
         "expected_attendees": 3, "delivery": "online", "preferred_dates": "Soon"},
    )  # fmt: skip
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(Exception, match="only for organizations you coordinate"):
        services.submit_training_request(
            requested_by=partners.police_coordinator,
            organization=partners.other,
            topic="Basics",
            audience="All",
            expected_attendees=3,
            delivery="online",
            preferred_dates="Soon",
        )
    assert access.can_request_training(partners.city_coordinator)


def test_accepting_creates_a_session_only_for_that_organization_and_emails(
    partners, campaign_admin, django_capture_on_commit_callbacks
):
    training_request = a_request(partners)
    start = timezone.now() + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        session = accept_training_request(
            training_request,
            decided_by=campaign_admin,
            starts_at=start,
            hours=2,
            time_zone="America/Chicago",
            capacity=30,
        )
    assert session.eligibility == Session.Eligibility.LISTED
    assert list(session.eligible_organizations.all()) == [partners.police]
    training_request.refresh_from_db()
    assert training_request.status == "accepted" and training_request.session == session
    assert [m.to for m in mail.outbox] == [[partners.police_coordinator.email]]
    assert access.eligibility_problem(partners.police_staff, session) is None
    assert access.eligibility_problem(UserFactory(), session)
    with pytest.raises(Exception, match="already accepted"):
        services.decline_training_request(
            training_request=training_request, decided_by=campaign_admin, reason="No"
        )


def test_declining_needs_a_reason_and_emails_it(
    partners, campaign_admin, django_capture_on_commit_callbacks
):
    training_request = a_request(partners)
    with pytest.raises(Exception, match="reason"):
        services.decline_training_request(
            training_request=training_request, decided_by=campaign_admin, reason=" "
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_training_request(
            training_request=training_request, decided_by=campaign_admin, reason="No trainer free"
        )
    assert "No trainer free" in mail.outbox[0].body
    assert TrainingRequest.objects.get().status == "declined"


def test_the_admin_accepts_and_declines_from_the_request_page(client, partners, campaign_admin):
    first, second = a_request(partners), a_request(partners, topic="Labor trafficking")
    client.force_login(campaign_admin)
    change = reverse("admin:training_trainingrequest_change", args=[first.pk])
    page = client.get(change).content.decode()
    assert "Accept" in page and "Decline" in page
    accept = reverse("admin:training_trainingrequest_accept", args=[first.pk])
    assert client.get(accept).status_code == 200
    bad = client.post(accept, {"course": first.course.pk, "starts_at": "tomorrow"})
    assert "Enter a valid date/time" in bad.content.decode()
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    form = {"course": first.course.pk, "starts_at": f"{day}T10:00", "ends_at": f"{day}T09:00",
            "time_zone": "America/Chicago", "capacity": 30, "online": "on"}  # fmt: skip
    assert "must end after it starts" in client.post(accept, form).content.decode()
    form["ends_at"] = f"{day}T12:00"
    assert client.post(accept, form).status_code == 302
    session = Session.objects.get()
    assert session.local_start.hour == 10 and session.time_zone == "America/Chicago"
    assert "already accepted" in client.post(accept, form).content.decode()
    decline = reverse("admin:training_trainingrequest_decline", args=[second.pk])
    assert "Give the coordinator a reason" in client.post(decline, {}).content.decode()
    assert client.post(decline, {"reason": "Covered by the spring webinar"}).status_code == 302
    assert TrainingRequest.objects.get(pk=second.pk).status == "declined"
    assert client.get(reverse("admin:training_trainingrequest_changelist")).status_code == 200
    missing = reverse("admin:training_trainingrequest_accept", args=[999999])
    assert client.get(missing).status_code == 404


def test_an_admin_who_turned_notices_off_is_not_emailed_about_a_request(
    partners, campaign_admin, django_capture_on_commit_callbacks
):
    from tests.factories import StaffUserFactory

    StaffUserFactory(email="quiet@example.org", admin_notices=False)
    with django_capture_on_commit_callbacks(execute=True):
        a_request(partners)
    assert [m.to for m in mail.outbox] == [[campaign_admin.email]]
