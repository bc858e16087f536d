"""The admin's session page: the roster with attendance and the waitlist, a person's
place, adding, emailing, cancelling with a preview, duplicating; fixed query counts; the
course page's session rows follow the course's format."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, SessionFactory, UserFactory
from tests.training.sessions import live_session, seated
from training import roster_queries, services
from training.models import Enrollment, Session

pytestmark = pytest.mark.django_db


def run_url(session):
    return reverse("admin:training_session_run", args=[session.pk])


def fill(session, count):
    return [services.enroll(user=UserFactory(), session=session) for _ in range(count)]


# With 2 people the waitlist ends empty, and an empty list is read with no query.
@pytest.mark.parametrize(("people", "queries"), [(2, 8), (12, 9)])
def test_the_roster_shows_seats_waitlist_and_cancelled_in_fixed_queries(
    admin_client, django_assert_num_queries, people, queries
):
    session = SessionFactory(capacity=people // 2)
    enrollments = fill(session, people)
    services.cancel_enrollment(enrollment=enrollments[-1], cancelled_by=None)
    with django_assert_num_queries(queries):
        response = admin_client.get(run_url(session))
    roster = response.context["roster"]
    assert len(roster.seated) == people // 2
    assert [e.position for e in roster.waiting] == list(range(1, people // 2))
    assert len(roster.cancelled) == 1
    assert "Mark everyone attended" in response.content.decode()


def test_each_list_is_paged_in_the_same_queries_and_keeps_the_others_page(
    admin_client, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(roster_queries, "ROSTER_PAGE_SIZE", 2)
    session = SessionFactory(capacity=5)
    for name in ["Eve", "cal", "Ana", "dan", "Bo"]:
        services.enroll(user=UserFactory(name=name), session=session)
    waiting = fill(session, 5)
    # Nobody cancelled: that list takes no query.
    with django_assert_num_queries(8):
        first = admin_client.get(run_url(session))
    with django_assert_num_queries(8):
        later = admin_client.get(run_url(session) + "?seated=2&waiting=3")
    assert [e.user.name for e in first.context["roster"].seated] == ["Ana", "Bo"]
    assert [e.user.name for e in later.context["roster"].seated] == ["cal", "dan"]
    assert [(e.pk, e.position) for e in later.context["roster"].waiting] == [(waiting[4].pk, 5)]
    page = later.content.decode()
    assert "Registered (5)" in page and "Waitlist (5)" in page
    # The waitlist's links keep the seats' page, and the other way round.
    assert 'href="?seated=2&amp;waiting=2#waitlist"' in page
    assert 'href="?seated=3&amp;waiting=3#registered"' in page


def test_mark_everyone_attended_marks_every_page_and_returns_to_the_same_page(
    admin_client, monkeypatch
):
    monkeypatch.setattr(roster_queries, "ROSTER_PAGE_SIZE", 2)
    session = live_session()
    seats = [seated(session) for _person in range(5)]
    url = run_url(session) + "?seated=2"
    response = admin_client.post(url, {"step": "attendance", "everyone": "attended"})
    assert response.url == url
    assert sorted(session.enrollments.filter(status="attended").values_list("pk", flat=True)) == [
        seat.pk for seat in seats
    ]


def test_the_session_form_links_to_its_page(admin_client):
    session = SessionFactory()
    page = admin_client.get(reverse("admin:training_session_change", args=[session.pk]))
    assert run_url(session) in page.content.decode()


def test_attendance_per_person_and_everyone_at_once(admin_client, campaign_admin):
    session = live_session()
    first, second = seated(session), seated(session)
    response = admin_client.post(
        run_url(session),
        {"step": "attendance", f"mark-{first.pk}": "no_show", f"mark-{second.pk}": "registered"},
    )
    assert response.status_code == 302
    assert Enrollment.objects.get(pk=first.pk).status == "no_show"
    assert Enrollment.objects.get(pk=second.pk).status == "registered"
    admin_client.post(run_url(session), {"step": "attendance", "everyone": "attended"})
    assert set(session.enrollments.values_list("status", flat=True)) == {"attended"}


def test_attendance_before_the_session_is_refused_with_a_message(admin_client):
    session = SessionFactory()
    [person] = fill(session, 1)
    response = admin_client.post(
        run_url(session), {"step": "attendance", f"mark-{person.pk}": "attended"}, follow=True
    )
    assert "once the session is about to start" in response.content.decode()
    assert Enrollment.objects.get(pk=person.pk).status == "registered"


def test_adding_a_person_by_email(admin_client, campaign_admin):
    session = SessionFactory()
    person = UserFactory(email="robin@example.org")
    response = admin_client.post(run_url(session), {"step": "add", "email": "Robin@Example.org"})
    assert response.status_code == 302
    assert Enrollment.objects.get(session=session, user=person).enrolled_by == campaign_admin
    unknown = admin_client.post(run_url(session), {"step": "add", "email": "nobody@example.org"})
    assert "No active account" in unknown.content.decode()


def test_emailing_everyone(admin_client, django_capture_on_commit_callbacks):
    session = SessionFactory()
    fill(session, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            run_url(session), {"step": "email", "subject": "Parking", "message": "Use lot B."}
        )
    assert [m.subject.endswith("Parking") for m in mail.outbox] == [True, True]


def test_a_persons_page_moves_reorders_and_promotes(admin_client, django_assert_num_queries):
    session = SessionFactory(capacity=1)
    other = SessionFactory(course=session.course, capacity=5)
    SessionFactory(course=session.course, status="cancelled")
    seat, _first, second = fill(session, 3)
    url = reverse("admin:training_session_person", args=[session.pk, second.pk])
    with django_assert_num_queries(9):
        page = admin_client.get(url)
    assert list(page.context["move_form"].sessions.values()) == [other]
    assert page.context["enrollment"].position == 2
    admin_client.post(url, {"step": "reorder", "position": "1", "reason": "Supervisor"})
    assert services.waitlist_position(Enrollment.objects.get(pk=second.pk)) == 1
    refused = admin_client.post(url, {"step": "promote"})
    assert refused.context["promote_form"].errors
    admin_client.post(url, {"step": "promote", "promote-reason": "Trainer asked"})
    assert Enrollment.objects.get(pk=second.pk).status == "registered"
    seat_url = reverse("admin:training_session_person", args=[session.pk, seat.pk])
    response = admin_client.post(seat_url, {"step": "move", "to_session": other.pk})
    assert response.status_code == 302
    assert Enrollment.objects.get(session=other, user=seat.user).status == "registered"
    gone = admin_client.get(seat_url)
    assert gone.status_code == 404


def test_a_move_to_a_session_of_another_course_is_refused(admin_client):
    session = SessionFactory()
    [person] = fill(session, 1)
    stranger = SessionFactory()
    url = reverse("admin:training_session_person", args=[session.pk, person.pk])
    response = admin_client.post(url, {"step": "move", "to_session": stranger.pk})
    assert response.status_code == 200 and response.context["move_form"].errors
    assert Enrollment.objects.get(pk=person.pk).status == "registered"


def test_cancelling_previews_the_email_then_cancels(
    admin_client, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    fill(session, 2)
    url = reverse("admin:training_session_cancel", args=[session.pk])
    assert "Give a reason" in admin_client.post(url, {}).content.decode()
    preview = admin_client.post(url, {"reason": "Trainer is ill"})
    assert "Reason: Trainer is ill" in preview.context["preview"]
    assert Session.objects.get(pk=session.pk).status == "scheduled"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(url, {"reason": "Trainer is ill", "confirm": "1"})
    assert done.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancellation_reason) == ("cancelled", "Trainer is ill")
    assert len(mail.outbox) == 2


def test_duplicating_opens_the_copy(admin_client):
    session = SessionFactory(venue_name="Library")
    url = reverse("admin:training_session_duplicate", args=[session.pk])
    assert admin_client.get(url).status_code == 200
    day = (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%d")
    response = admin_client.post(url, {"starts_at": f"{day}T09:00"})
    copy = Session.objects.exclude(pk=session.pk).get()
    assert response.url == reverse("admin:training_session_change", args=[copy.pk])
    assert copy.venue_name == "Library"
    assert copy.local_start.strftime("%H:%M") == "09:00"
    past = admin_client.post(url, {"starts_at": "2001-01-01T09:00"})
    assert past.context["form"].errors


@pytest.mark.parametrize(("course_format", "online"), [("in_person", False), ("webinar", True)])
def test_new_session_rows_on_the_course_page_follow_its_format(
    admin_client, course_format, online
):
    course = CourseFactory(format=course_format)
    page = admin_client.get(reverse("admin:training_course_change", args=[course.pk]))
    formset = next(f for f in page.context["inline_admin_formsets"] if f.opts.model is Session)
    empty = formset.formset.empty_form
    assert empty.fields["online"].initial is online
    assert {"venue_name", "eligibility", "trainers"} <= set(empty.fields)


def test_session_rows_on_the_course_page_link_to_the_session_page(admin_client):
    session = SessionFactory()
    page = admin_client.get(reverse("admin:training_course_change", args=[session.course.pk]))
    assert run_url(session) in page.content.decode()


@pytest.mark.parametrize("name", ["run", "cancel", "duplicate"])
def test_a_missing_session_is_a_404(admin_client, name):
    assert (
        admin_client.get(reverse(f"admin:training_session_{name}", args=[999999])).status_code
        == 404
    )


def test_the_email_preview_shows_markup_in_the_reason_as_text(admin_client):
    session = SessionFactory()
    url = reverse("admin:training_session_cancel", args=[session.pk])
    page = admin_client.post(url, {"reason": "<b>closed</b>"}).content.decode()
    assert "<b>closed</b>" not in page
    assert "&lt;b&gt;closed&lt;/b&gt;" in page
