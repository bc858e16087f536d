"""Attendance, certificate and request journeys in Chromium: QR check-in to a verified
certificate, an on-demand course passed at the second try, a training request accepted in
the admin; axe on every page at phone and desktop sizes."""

import io
import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import fill_in, sign_in, sign_in_as_admin
from tests.factories import (
    DEFAULT_PASSWORD,
    CourseFactory,
    MembershipFactory,
    OnDemandCourseFactory,
    QuestionFactory,
    SessionFactory,
    UserFactory,
)
from training import checkin, services
from training.models import Certificate, Enrollment, Session, TrainingRequest

pytestmark = pytest.mark.django_db(transaction=True)


def live_session(**kwargs) -> Session:
    start = timezone.now() - timedelta(minutes=10)
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def ended_session(**kwargs) -> Session:
    start = timezone.now() - timedelta(hours=2)
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def seat(session: Session, user) -> Enrollment:
    return Enrollment.objects.create(user=user, session=session, status="registered")


def test_a_trainer_opens_check_in_a_staff_member_checks_in_and_the_certificate_verifies(
    page, other_page, browser, site, assert_accessible, csp_violations
):
    session = live_session(
        course__title="Recognizing Trafficking on Inspections",
        course__issues_certificates=True,
        venue_name="City Hall, Room 4",
        online=False,
    )
    trainer = UserFactory(name="Pat Trainer")
    session.trainers.add(trainer)
    staff = UserFactory(name="Robin Diaz")
    seat(session, staff)
    typist = UserFactory(name="Sky Walker")
    seat(session, typist)

    sign_in(page, site, trainer.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/trainings/mine/")
    page.get_by_role("link", name="Sessions I train").click()
    page.get_by_role("link", name=re.compile("Attendance and check-in")).click()
    expect(page.get_by_role("heading", name="Self check-in")).to_be_visible()
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    code = checkin.code_for(session)
    expect(page.locator("[data-check-in-code]")).to_have_text(code.short_code)
    assert_accessible(page)
    check_in_link = page.locator("[data-check-in-link]").get_attribute("href")

    sign_in(other_page, site, staff.email, DEFAULT_PASSWORD)
    other_page.goto(check_in_link)
    expect(other_page.get_by_role("heading", name="You are checked in")).to_be_visible()
    expect(other_page.get_by_text("issued once the session has ended")).to_be_visible()
    assert_accessible(other_page)
    # Checking in and leaving earns nothing yet: attendance is recorded, no certificate.
    other_page.goto(f"{site}/trainings/mine/")
    expect(other_page.get_by_text("Checked in", exact=True)).to_be_visible()
    expect(other_page.get_by_text("No certificates yet")).to_be_visible()
    assert not Certificate.objects.exists()
    assert not any("certificate" in m.subject for m in mail.outbox)

    # Someone without a phone camera types the code instead.
    third = browser.new_context()
    typist_page = third.new_page()
    sign_in(typist_page, site, typist.email, DEFAULT_PASSWORD)
    typist_page.goto(f"{site}/trainings/check-in/")
    typist_page.get_by_label("Check-in code").fill(checkin.code_for(session).short_code)
    typist_page.get_by_role("button", name="Check in").click()
    expect(typist_page.get_by_role("heading", name="You are checked in")).to_be_visible()
    third.close()

    page.goto(f"{site}/trainings/sessions/{session.pk}/attendance/")
    expect(
        page.get_by_role("row", name=re.compile("Robin Diaz.*Attended \\(checked in\\)"))
    ).to_be_visible()

    # The session ends; the scheduled job (cron's every few minutes) issues the certificates.
    Session.objects.filter(pk=session.pk).update(ends_at=timezone.now())
    call_command("send_training_reminders", stdout=io.StringIO())
    assert any(m.to == [staff.email] and "certificate" in m.subject for m in mail.outbox)

    other_page.goto(f"{site}/trainings/mine/")
    with other_page.expect_download() as download_info:
        other_page.get_by_role("link", name=re.compile("Download \\(PDF\\)")).click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = pdf.pages[0].extract_text()
    certificate = Certificate.objects.get(user=staff)
    assert "Robin Diaz" in text and certificate.code in text
    assert "Recognizing Trafficking on Inspections" in text

    # Anyone, signed in or not, checks the code on the public page, typed as people do.
    page.goto(f"{site}/certificates/verify/")
    page.get_by_label("Certificate code").fill(certificate.code.replace("-", " ").lower())
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="This certificate is valid")).to_be_visible()
    expect(page.get_by_text("Robin Diaz")).to_be_visible()
    assert page.url.endswith(certificate.get_absolute_url())
    assert_accessible(page)
    assert csp_violations == []


def test_an_on_demand_course_is_passed_after_one_failed_attempt(page, site, assert_accessible):
    course = OnDemandCourseFactory(title="Recognizing Trafficking During Routine Duties")
    course.pass_mark = 100
    course.save()
    QuestionFactory(course=course, text="Who can be a victim?",
                    choices="Only foreign nationals\nAnyone\nOnly adults")  # fmt: skip
    QuestionFactory(course=course, text="What does trafficking use?",
                    choices="Only restraint\nForce, fraud or coercion\nOnly travel")  # fmt: skip
    person = UserFactory(name="Alex Romero")
    sign_in(page, site, person.email, DEFAULT_PASSWORD)
    page.goto(f"{site}{course.get_absolute_url()}")
    expect(page.get_by_role("link", name="Watch the course")).to_be_visible()
    page.get_by_role("link", name="Take the knowledge check").click()
    assert_accessible(page)
    page.get_by_text("Only foreign nationals").click()
    page.get_by_text("Force, fraud or coercion").click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Not passed this time: 50%")).to_be_visible()
    expect(page.get_by_text("The right answer: Anyone.")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Anyone", exact=True).click()
    page.get_by_text("Force, fraud or coercion").click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("You passed with 100%.")).to_be_visible()
    expect(
        page.get_by_role("rowheader", name="Recognizing Trafficking During Routine Duties")
    ).to_be_visible()
    assert Certificate.objects.filter(user=person, course=course).count() == 1
    assert course.attempts.filter(user=person).count() == 2


def test_a_coordinator_requests_a_training_and_the_admin_accepts_it(
    page, other_page, site, assert_accessible, partners
):
    CourseFactory(title="Investigating Human Trafficking")
    sign_in(page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/trainings/mine/")
    page.get_by_role("link", name="Request a training for your organization").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_label("Organization").select_option(label="Springfield Police")
    page.get_by_label("Course", exact=True).select_option(label="Investigating Human Trafficking")
    page.get_by_label("Audience").fill("Patrol and vice officers")
    page.get_by_label("How many people will attend").fill("30")
    page.get_by_text("In person, at our place").click()
    page.get_by_label("Location").fill("Springfield Police Academy, 1 Main St")
    page.get_by_label("Preferred dates").fill("Any Tuesday in March")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request was sent.")).to_be_visible()
    training_request = TrainingRequest.objects.get()

    sign_in_as_admin(other_page, site)
    other_page.goto(f"{site}/admin/training/trainingrequest/{training_request.pk}/change/")
    other_page.get_by_role("link", name="Accept").click()
    day = (timezone.localdate() + timedelta(days=21)).isoformat()
    fill_in(
        other_page,
        {
            "Starts (in the time zone below)": f"{day}T09:00",
            "Ends": f"{day}T13:00",
            "Time zone:": "America/Chicago",
            "Venue name": "Springfield Police Academy",
        },
    )
    other_page.get_by_role("button", name="Accept and create the session").click()
    expect(other_page.get_by_text("Accepted: a session of Investigating")).to_be_visible()

    # The admin lands on the session page, which shows and reads times in Chicago time.
    expect(other_page.locator("#id_starts_at_1")).to_have_value("09:00:00")
    zone_help = other_page.get_by_text("In the session's time zone (America/Chicago)")
    expect(zone_help.first).to_be_visible()
    other_page.locator("#id_starts_at_1").fill("10:00:00")
    other_page.get_by_role("button", name="Save", exact=True).click()
    expect(other_page.get_by_text("was changed successfully")).to_be_visible()
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    session = Session.objects.get()
    assert session.starts_at == datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=chicago)
    # The session list shows it in the session's zone too.
    expect(other_page.get_by_text(re.compile(r"10:00 AM to 1:00 PM C[SD]T"))).to_be_visible()

    assert list(session.eligible_organizations.all()) == [partners.police]
    assert any(
        m.to == [partners.police_coordinator.email] and "accepted" in m.subject
        for m in mail.outbox
    )
    page.reload()
    expect(page.get_by_role("cell", name=re.compile("Accepted"))).to_be_visible()
    page.get_by_role("link", name="the session").click()
    expect(page.get_by_role("heading", name="Investigating Human Trafficking")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_attendance_certificate_and_request_pages_pass_axe(
    page, other_page, site, assert_accessible, csp_violations, viewport, partners
):
    trainer = partners.police_coordinator
    session = live_session(course__issues_certificates=True)
    session.trainers.add(trainer)
    SessionFactory().trainers.add(trainer)
    enrollment = seat(session, partners.police_staff)
    seat(session, UserFactory(name="Lee Park"))
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    # Certificates come from sessions that have ended.
    attended = seat(ended_session(course__issues_certificates=True), partners.police_staff)
    services.mark_attendance(enrollment=attended, attended=True, marked_by=trainer)
    certificate = Certificate.objects.get()
    revoked_enrollment = seat(ended_session(course__issues_certificates=True), UserFactory())
    services.mark_attendance(enrollment=revoked_enrollment, attended=True, marked_by=None)
    revoked = Certificate.objects.get(enrollment=revoked_enrollment)
    services.revoke_certificate(certificate=revoked, revoked_by=None, reason="Error")
    course = OnDemandCourseFactory()
    QuestionFactory.create_batch(2, course=course)
    MembershipFactory(organization=partners.police)
    page.set_viewport_size(viewport)
    for path in [
        certificate.get_absolute_url(),
        revoked.get_absolute_url(),
        "/certificates/verify/NOT-A-CODE/",
        "/certificates/verify/",
        course.get_absolute_url(),
    ]:
        page.goto(f"{site}{path}")
        assert_accessible(page)
    sign_in(page, site, trainer.email, DEFAULT_PASSWORD)
    for path in [
        "/trainings/mine/",
        "/trainings/teaching/",
        f"/trainings/sessions/{session.pk}/attendance/",
        f"/trainings/sessions/{session.pk}/sign-in-sheet/",
        f"/trainings/sessions/{session.pk}/check-in/stale-token/",
        "/trainings/check-in/",
        f"{course.get_absolute_url()}check/",
        "/trainings/requests/new/",
        f"/trainings/report/{partners.police.slug}/",
        f"/trainings/report/{partners.police.slug}/?start=bad",
        f"/partners/{partners.police.slug}/manage/",
    ]:
        page.goto(f"{site}{path}")
        assert_accessible(page)
    other_page.set_viewport_size(viewport)
    sign_in(other_page, site, partners.police_staff.email, DEFAULT_PASSWORD)
    other_page.goto(f"{site}/trainings/mine/")
    expect(other_page.get_by_role("link", name=re.compile("Download \\(PDF\\)"))).to_be_visible()
    assert_accessible(other_page)
    assert csp_violations == []


def test_the_trainers_screen_follows_the_code_without_reloading(
    page, site, monkeypatch, csp_violations
):
    session = live_session()
    trainer = UserFactory()
    session.trainers.add(trainer)
    page.clock.install()
    sign_in(page, site, trainer.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/trainings/sessions/{session.pk}/attendance/")
    first = checkin.code_for(session).short_code
    expect(page.locator("[data-check-in-code]")).to_have_text(first)
    # A new salt stands in for the clock moving on: the server's current code changes.
    monkeypatch.setattr(checkin, "SALT", "training.check-in.next")
    second = checkin.code_for(session)
    assert second.short_code != first
    page.clock.run_for(16_000)
    expect(page.locator("[data-check-in-code]")).to_have_text(second.short_code)
    assert second.token in page.locator("[data-check-in-link]").get_attribute("href")
    assert csp_violations == []


def next_change_as_the_script_writes_it(page, site, session: Session, trainer):
    """The trainer's screen, once its script has refreshed "It changes next at ...": the
    server's own text is cleared first, so only the script's counts."""
    session.trainers.add(trainer)
    page.clock.install()
    sign_in(page, site, trainer.email, DEFAULT_PASSWORD)
    language = "/es" if trainer.language == "es" else ""
    page.goto(f"{site}{language}/trainings/sessions/{session.pk}/attendance/")
    expiry = page.locator("[data-check-in-expiry]")
    expiry.evaluate("node => { node.textContent = ''; }")
    page.clock.run_for(16_000)
    return expiry


def test_the_trainers_screen_writes_the_next_change_in_the_page_s_language(page, site):
    """The script rewrites "It changes next at ..." in the page's language, whatever the
    browser's own: a 24-hour clock on the Spanish screen."""
    session = live_session()
    expiry = next_change_as_the_script_writes_it(page, site, session, UserFactory(language="es"))
    expect(expiry).to_have_text(re.compile(r"^Cambia a las \d{1,2}:\d{2}\.$"))


def test_the_trainers_screen_writes_the_next_change_in_the_session_s_time_zone(browser, site):
    """A trainer whose browser is in another time zone than the session reads the same time
    from the script as the server first wrote: the session's."""
    session = live_session(time_zone="America/Los_Angeles")
    context = browser.new_context(timezone_id="Asia/Tokyo", locale="en-US")
    expiry = next_change_as_the_script_writes_it(context.new_page(), site, session, UserFactory())
    expect(expiry).not_to_have_text("")

    def in_los_angeles(moment: datetime) -> str:
        local = moment.astimezone(zoneinfo.ZoneInfo("America/Los_Angeles"))
        return f"It changes next at {local:%-I:%M %p}."

    # The code may have moved on since the script asked: either of the two is right.
    now = timezone.now()
    expected = {
        in_los_angeles(checkin.code_for(session, moment).expires_at)
        for moment in (now, now - timedelta(seconds=20))
    }
    assert expiry.inner_text() in expected
    context.close()
