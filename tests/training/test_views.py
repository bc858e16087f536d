"""Training pages: catalog, course, session, enrolling, bulk enrollment, my trainings, feeds."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from campaign.models import Audience
from partners.models import Membership
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    OrganizationFactory,
    SessionFactory,
    UserFactory,
)
from training import services
from training.models import CalendarFeed, Enrollment, Session

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [s.course.title for s in response.context["sessions"]]


# --- Catalog ----------------------------------------------------------------------------


def test_catalog_lists_upcoming_sessions_of_published_courses(client):
    SessionFactory(course__title="Upcoming Course")
    SessionFactory(course__title="Draft Course", course__published=False)
    SessionFactory(course__title="Cancelled Course", status="cancelled")
    past = timezone.now() - timedelta(days=2)
    SessionFactory(course__title="Past Course", starts_at=past, ends_at=past + timedelta(hours=1))
    assert titles(client.get(reverse("training:catalog"))) == ["Upcoming Course"]


def test_catalog_filters(client):
    law = Audience.objects.get(slug="law-enforcement")
    provider = OrganizationFactory(slug="fletc-test")
    webinar = SessionFactory(course__title="Webinar for Police", course__provider=provider)
    webinar.course.audiences.add(law)
    SessionFactory(course__title="Classroom Day", course__format="in_person", online=False)
    full = SessionFactory(course__title="Full Session", capacity=1, language="es")
    services.enroll(user=UserFactory(), session=full)
    url = reverse("training:catalog")
    assert titles(client.get(url, {"format": "in_person"})) == ["Classroom Day"]
    assert titles(client.get(url, {"audience": "law-enforcement"})) == ["Webinar for Police"]
    assert titles(client.get(url, {"delivery": "in_person"})) == ["Classroom Day"]
    assert titles(client.get(url, {"language": "es"})) == ["Full Session"]
    assert titles(client.get(url, {"provider": "fletc-test"})) == ["Webinar for Police"]
    assert "Full Session" not in titles(client.get(url, {"open_seats": "on"}))
    assert titles(client.get(url, {"q": "police"})) == ["Webinar for Police"]
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert titles(client.get(url, {"starts_after": later})) == []


def test_catalog_shows_on_demand_courses(client):
    CourseFactory(title="Roll-Call: T Visas", format="roll_call")
    assert "Roll-Call: T Visas" in client.get(reverse("training:catalog")).content.decode()


def test_catalog_with_bad_input_answers_with_a_message(client):
    response = client.get(
        reverse("training:catalog"), {"starts_after": "yesterday", "audience": "x"}
    )
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


@pytest.mark.parametrize("count", [3, 60])
def test_catalog_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    provider = OrganizationFactory()
    for _ in range(count):
        services.enroll(user=UserFactory(), session=SessionFactory(course__provider=provider))
    CourseFactory.create_batch(count // 3, format="web_based", provider=provider)
    with django_assert_num_queries(7):
        response = client.get(reverse("training:catalog"))
    assert response.status_code == 200


# --- Course and session pages -------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 40])
def test_course_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    course = CourseFactory()
    course.audiences.set(Audience.objects.all())
    for _ in range(count):
        SessionFactory(course=course)
    with django_assert_num_queries(5):
        response = client.get(course.get_absolute_url())
    assert len(response.context["course"].upcoming_sessions) == count


def test_an_unpublished_course_is_404(client):
    course = CourseFactory(published=False)
    assert client.get(course.get_absolute_url()).status_code == 404
    assert client.get(SessionFactory(course=course).get_absolute_url()).status_code == 404


def test_the_join_link_shows_only_to_registered_people(client):
    session = SessionFactory(capacity=1)
    seated = services.enroll(user=UserFactory(), session=session).user
    waiting = services.enroll(user=UserFactory(), session=session).user
    assert "room-42" not in client.get(session.get_absolute_url()).content.decode()
    client.force_login(waiting)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "room-42" not in page and "number 1 on the waitlist" in page
    client.force_login(seated)
    assert "room-42" in client.get(session.get_absolute_url()).content.decode()


def test_a_registered_person_is_shown_the_way_to_check_in_while_it_is_open(client):
    running, later = SessionFactory(), SessionFactory()
    person = UserFactory()
    for session in (running, later):
        services.enroll(user=person, session=session)
    now = timezone.now()
    Session.objects.filter(pk=running.pk).update(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(hours=1)
    )
    client.force_login(person)
    link = f'href="{reverse("training:check-in-code-form")}">Check in with the code'
    assert link in client.get(running.get_absolute_url()).content.decode()
    assert link not in client.get(later.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [2, 50])
def test_session_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    session = SessionFactory(capacity=1)
    for _ in range(count):
        services.enroll(user=UserFactory(), session=session)
    client.force_login(Enrollment.objects.filter(status="waitlisted").last().user)
    with django_assert_num_queries(8):
        assert client.get(session.get_absolute_url()).status_code == 200


def test_session_times_show_in_the_session_time_zone(client):
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    session = SessionFactory(starts_at=start, time_zone="Pacific/Honolulu")
    assert "HST" in client.get(session.get_absolute_url()).content.decode()


# --- Enrolling from the page ----------------------------------------------------------------


def test_enrolling_and_cancelling_from_the_session_page(
    client, signed_in_user, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training:session-enroll", args=[session.pk]), follow=True)
    assert "You are registered" in response.content.decode()
    assert mail.outbox[-1].attachments
    asked = client.post(reverse("training:session-cancel", args=[session.pk]))
    assert "Cancel your seat?" in asked.content.decode()
    assert Enrollment.objects.get(user=signed_in_user).status == "registered"
    response = client.post(
        reverse("training:session-cancel", args=[session.pk]), {"confirmed": "1"}, follow=True
    )
    assert "Your seat is cancelled" in response.content.decode()
    assert Enrollment.objects.get(user=signed_in_user).status == "cancelled"


def test_enrolling_needs_an_account(client):
    session = SessionFactory()
    response = client.post(reverse("training:session-enroll", args=[session.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not Enrollment.objects.exists()


def test_a_refused_enrollment_says_why(client):
    session = SessionFactory(eligibility="partner_staff")
    client.force_login(UserFactory())
    response = client.post(reverse("training:session-enroll", args=[session.pk]), follow=True)
    assert "staff of partner organizations" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_cancelling_without_an_enrollment_says_so(client):
    session = SessionFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("training:session-cancel", args=[session.pk]), follow=True)
    assert "not enrolled" in response.content.decode()


def test_unknown_session_is_404(client):
    assert client.get(reverse("training:session-detail", args=[999])).status_code == 404
    client.force_login(UserFactory())
    assert client.post(reverse("training:session-enroll", args=[999])).status_code == 404


# --- Bulk enrollment -----------------------------------------------------------------------------


@pytest.fixture
def coordinator_with_staff(partners):
    return partners.city_coordinator, [
        Membership.objects.get(user=partners.police_staff),
        MembershipFactory(organization=partners.city),
        MembershipFactory(organization=partners.police),
    ]


def test_a_coordinator_enrolls_staff_of_their_organizations(client, coordinator_with_staff):
    coordinator, memberships = coordinator_with_staff
    session = SessionFactory(capacity=2)
    client.force_login(coordinator)
    url = reverse("training:bulk-enroll", args=[session.pk])
    page = client.get(url).content.decode()
    for membership in memberships:
        assert membership.user.email in page or membership.user.name in page
    response = client.post(url, {"memberships": [m.pk for m in memberships]})
    outcomes = [o.outcome for o in response.context["outcomes"]]
    assert sorted(outcomes) == ["registered", "registered", "waitlisted"]
    assert Enrollment.objects.filter(enrolled_by=coordinator).count() == 3


def test_bulk_enrollment_refuses_people_outside_the_coordinators_organizations(
    client, partners, coordinator_with_staff
):
    coordinator, _ = coordinator_with_staff
    outsider = Membership.objects.get(user=partners.other_coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("training:bulk-enroll", args=[SessionFactory().pk]), {"memberships": [outsider.pk]}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_bulk_enrollment_without_a_choice_shows_the_error(client, coordinator_with_staff):
    coordinator, _ = coordinator_with_staff
    client.force_login(coordinator)
    response = client.post(reverse("training:bulk-enroll", args=[SessionFactory().pk]), {})
    assert "Choose at least one person" in response.content.decode()


def test_bulk_enrollment_is_for_coordinators_only(client, partners):
    session = SessionFactory()
    url = reverse("training:bulk-enroll", args=[session.pk])
    assert client.get(url).status_code == 302
    client.force_login(partners.police_staff)
    assert client.get(url).status_code == 403
    client.force_login(partners.police_coordinator)
    assert client.get(url).status_code == 200


# --- My trainings and calendars ---------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 30])
def test_my_trainings_lists_upcoming_and_past_in_fixed_queries(
    client, django_assert_num_queries, count
):
    person = UserFactory()
    for index in range(count):
        session = SessionFactory(capacity=1 if index % 2 else None)
        if index % 2:
            services.enroll(user=UserFactory(), session=session)
        services.enroll(user=person, session=session)
    past = SessionFactory()
    services.enroll(user=person, session=past)
    Enrollment.objects.filter(session=past).update(status="attended")
    past.starts_at = timezone.now() - timedelta(days=9)
    past.ends_at = past.starts_at + timedelta(hours=1)
    past.save()
    client.force_login(person)
    with django_assert_num_queries(11):
        response = client.get(reverse("training:mine"))
    assert len(response.context["upcoming"]) == count
    assert [e.status for e in response.context["past"]] == ["attended"]
    assert "Number 1 on the waitlist" in response.content.decode()


def read_calendar(response) -> list[str]:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_personal_feed_lists_my_sessions_with_join_links_only_when_registered(client):
    person = UserFactory()
    seated_in = SessionFactory(course__title="Seated")
    full = SessionFactory(
        course__title="Waiting", capacity=1, join_url="https://meet.example.org/w"
    )
    services.enroll(user=UserFactory(), session=full)
    services.enroll(user=person, session=seated_in)
    services.enroll(user=person, session=full)
    SessionFactory(course__title="Not mine")
    token = CalendarFeed.objects.create(user=person).token
    response = client.get(reverse("training:personal-feed", args=[token]))
    assert sorted(read_calendar(response)) == ["Seated", "Waiting"]
    body = response.content.decode()
    assert "room-42" in body and "meet.example.org/w" not in body


def test_resetting_the_feed_link_kills_the_old_one(client):
    person = UserFactory()
    client.force_login(person)
    client.get(reverse("training:mine"))
    old = CalendarFeed.objects.get(user=person).token
    client.post(reverse("training:feed-reset"))
    assert client.get(reverse("training:personal-feed", args=[old])).status_code == 404
    new = CalendarFeed.objects.get(user=person).token
    assert client.get(reverse("training:personal-feed", args=[new])).status_code == 200


def test_public_and_audience_feeds(client):
    police = SessionFactory(course__title="For Police")
    police.course.audiences.add(Audience.objects.get(slug="law-enforcement"))
    SessionFactory(course__title="For Everyone")
    restricted = SessionFactory(course__title="Private Run", eligibility="listed")
    restricted.eligible_organizations.add(OrganizationFactory())
    public = read_calendar(client.get(reverse("training:public-feed")))
    assert sorted(public) == ["For Everyone", "For Police"]
    audience = client.get(reverse("training:audience-feed", args=["law-enforcement"]))
    assert read_calendar(audience) == ["For Police"]
    assert "room-42" not in client.get(reverse("training:public-feed")).content.decode()
    assert client.get(reverse("training:audience-feed", args=["nobody"])).status_code == 404


def test_organization_feed_needs_a_coordinators_token(client, partners):
    session = SessionFactory(course__title="Police Training")
    services.enroll(user=partners.police_staff, session=session, organization=partners.police)
    coordinator_token = CalendarFeed.objects.create(user=partners.city_coordinator).token
    staff_token = CalendarFeed.objects.create(user=partners.police_staff).token
    url = reverse("training:organization-feed", args=[coordinator_token, partners.police.slug])
    assert read_calendar(client.get(url)) == ["Police Training"]
    url = reverse("training:organization-feed", args=[staff_token, partners.police.slug])
    assert client.get(url).status_code == 404


def test_session_calendar_download(client):
    session = SessionFactory(course__title="Download Me")
    response = client.get(reverse("training:session-calendar", args=[session.pk]))
    assert read_calendar(response) == ["Download Me"]
    assert "room-42" not in response.content.decode()


# --- Give back --------------------------------------------------------------------------------


def test_give_back_page_confirms_then_frees_the_seat(client):
    session = SessionFactory(capacity=1)
    seated = services.enroll(user=UserFactory(), session=session)
    waiting = services.enroll(user=UserFactory(), session=session)
    url = services.give_back_url(seated).replace("http://127.0.0.1:8000", "")
    assert "Give my seat back" in client.get(url).content.decode()
    assert Enrollment.objects.get(pk=seated.pk).status == "registered"  # GET changes nothing
    response = client.post(url, follow=True)
    assert "your seat went to the next person" in response.content.decode()
    assert Enrollment.objects.get(pk=waiting.pk).status == "registered"
    assert "no longer yours" in client.get(url).content.decode()


def test_a_forged_give_back_link_is_404(client):
    assert client.get(reverse("training:give-back", args=["forged:token"])).status_code == 404


def test_reminder_command_reports_what_it_sent(capsys):
    from django.core.management import call_command

    session = SessionFactory(starts_at=timezone.now() + timedelta(hours=2))
    services.enroll(user=UserFactory(), session=session)
    call_command("send_training_reminders")
    call_command("send_training_reminders")
    assert capsys.readouterr().out.splitlines() == [
        "1 reminder(s) sent.",
        "0 certificate(s) issued or restored.",
        "0 reminder(s) sent.",
        "0 certificate(s) issued or restored.",
    ]


def test_organization_page_shows_the_trainings_it_provides(client):
    provider = OrganizationFactory()
    CourseFactory(title="Provided Course", provider=provider)
    CourseFactory(title="Draft Provided", provider=provider, published=False)
    page = client.get(provider.get_absolute_url()).content.decode()
    assert "Provided Course" in page and "Draft Provided" not in page
