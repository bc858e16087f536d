"""The admin runs a session from its page in Chromium: attendance for the roster, a person
moved to a full session of the course (their seat goes to the next person waiting), and
the other session cancelled after a preview of the email; axe at phone and desktop size."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import sign_in_as_admin
from tests.factories import SessionFactory, UserFactory
from training import services
from training.models import Enrollment, Session

pytestmark = pytest.mark.django_db(transaction=True)


def seat(session, name, **user) -> Enrollment:
    return Enrollment.objects.create(
        user=UserFactory(name=name, **user), session=session, status="registered"
    )


def test_an_admin_takes_attendance_moves_a_person_and_cancels_a_session(
    page, site, assert_accessible
):
    start = timezone.now() - timedelta(minutes=10)
    today = SessionFactory(
        course__title="Recognizing Trafficking",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    seat(today, "Ana Reyes")
    seat(today, "Ben Cole")
    later = SessionFactory(course=today.course, capacity=1, venue_name="Hall B", online=False)
    mover = services.enroll(user=UserFactory(name="Cy Moss"), session=later)
    waiting = services.enroll(user=UserFactory(name="Dee Lane"), session=later)
    last = SessionFactory(course=today.course, starts_at=later.starts_at + timedelta(days=7))
    spanish = UserFactory(name="Eva Ruiz", language="es")
    services.enroll(user=spanish, session=last)

    sign_in_as_admin(page, site)
    page.goto(f"{site}/admin/training/session/{today.pk}/change/")
    page.get_by_role("link", name="Roster, attendance and waitlist").click()
    expect(page.get_by_role("heading", name="Registered (2)")).to_be_visible()
    page.get_by_label("Attendance of Ben Cole").select_option("no_show")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("1 person marked.")).to_be_visible()
    page.get_by_role("button", name="Mark everyone attended").click()
    expect(page.get_by_text("2 people marked.")).to_be_visible()
    assert set(today.enrollments.values_list("status", flat=True)) == {"attended"}

    # Cy's seat in the later session goes to Dee; Cy waits in the last one (full now).
    Session.objects.filter(pk=last.pk).update(capacity=1)
    page.goto(f"{site}/admin/training/session/{later.pk}/run/")
    page.get_by_role("link", name="Move Cy Moss").click()
    assert_accessible(page)
    page.get_by_label("Move to the session").select_option(str(last.pk))
    page.get_by_label("Reason (kept on record)").fill("Asked to come a week later")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text(re.compile("moved to .*: Waitlisted"))).to_be_visible()
    expect(page.get_by_role("rowheader", name="Dee Lane")).to_be_visible()
    assert Enrollment.objects.get(pk=waiting.pk).status == "registered"
    assert Enrollment.objects.get(session=last, user=mover.user).status == "waitlisted"

    mail.outbox.clear()
    page.goto(f"{site}/admin/training/session/{last.pk}/run/")
    page.get_by_role("link", name="Cancel the session").click()
    page.get_by_label("Reason (sent to everyone enrolled)").fill("The venue is closed.")
    page.get_by_role("button", name="Preview the email").click()
    expect(page.get_by_label("Preview of the email")).to_contain_text(
        "Reason: The venue is closed."
    )
    assert_accessible(page)
    assert Session.objects.get(pk=last.pk).status == "scheduled"
    page.get_by_role("button", name="Cancel the session and send").click()
    expect(page.get_by_text("The session was cancelled; 2 people emailed.")).to_be_visible()
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "Motivo: The venue is closed." in by_person[spanish.email].body
    assert "Reason: The venue is closed." in by_person[mover.user.email].body


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_session_pages_pass_axe(page, site, assert_accessible, viewport):
    session = SessionFactory(capacity=1, minimum_enrollment=3)
    SessionFactory(course=session.course)
    services.enroll(user=UserFactory(name="Ana Reyes"), session=session)
    waiting = services.enroll(user=UserFactory(name="Ben Cole"), session=session)
    gone = services.enroll(user=UserFactory(name="Cy Moss"), session=session)
    services.cancel_enrollment(enrollment=gone, cancelled_by=None)
    page.set_viewport_size(viewport)
    sign_in_as_admin(page, site)
    base = f"{site}/admin/training/session/{session.pk}"
    # The session's and course's change forms are Django's own markup (split date fields,
    # inline tables), checked with the rest of the admin's change forms.
    for path in ["/run/", f"/run/{waiting.pk}/", "/cancel/", "/duplicate/"]:
        page.goto(base + path)
        assert_accessible(page)
