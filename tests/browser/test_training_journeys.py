"""Training journeys in Chromium: enroll, cancel and promotion; bulk enrollment; axe everywhere."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import sign_in
from tests.factories import (
    DEFAULT_PASSWORD,
    CourseFactory,
    MembershipFactory,
    SessionFactory,
    UserFactory,
)
from training import services
from training.models import Enrollment

pytestmark = pytest.mark.django_db(transaction=True)


def test_enroll_cancel_and_the_waitlisted_person_is_promoted(
    page, other_page, site, assert_accessible
):
    session = SessionFactory(course__title="Awareness for First Responders", capacity=1)
    first, second = UserFactory(name="Robin Diaz"), UserFactory(name="Sky Walker")

    sign_in(page, site, first.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/trainings/")
    page.get_by_role("link", name="Awareness for First Responders").click()
    expect(page.get_by_text("1 of 1 left")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Enroll").click()
    expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="join the session")).to_be_visible()
    confirmation = next(m for m in mail.outbox if m.to == [first.email])
    assert confirmation.attachments[0][0].endswith(".ics")
    assert_accessible(page)

    sign_in(other_page, site, second.email, DEFAULT_PASSWORD)
    other_page.goto(f"{site}{session.get_absolute_url()}")
    other_page.get_by_role("button", name="Join the waitlist").click()
    expect(other_page.get_by_text("You are number 1 on the waitlist.", exact=True)).to_be_visible()
    expect(other_page.get_by_role("link", name="join the session")).to_have_count(0)

    page.get_by_role("button", name="Cancel my seat").click()
    expect(page.get_by_role("heading", name="Cancel your seat?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel my seat").click()
    expect(page.get_by_text("Your seat is cancelled.")).to_be_visible()

    promotion = next(
        m for m in mail.outbox if m.to == [second.email] and "seat opened" in m.subject
    )
    assert promotion.attachments and "/trainings/give-back/" in promotion.body
    other_page.reload()
    expect(other_page.get_by_text("You are registered.", exact=True)).to_be_visible()
    other_page.goto(f"{site}/trainings/mine/")
    expect(other_page.get_by_role("link", name="Awareness for First Responders")).to_be_visible()
    assert_accessible(other_page)


def test_a_coordinator_enrolls_three_staff_at_once(page, site, assert_accessible, partners):
    session = SessionFactory(course__title="Investigations Basics", capacity=2)
    staff = [
        MembershipFactory(organization=partners.police, user=UserFactory(name=name))
        for name in ["Kim Ito", "Lee Park", "Max Cole"]
    ]
    sign_in(page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}{session.get_absolute_url()}")
    page.get_by_role("link", name="Enroll staff of your organization").click()
    assert_accessible(page)
    # By address: a generated name of the organization's other members may hold "kim".
    page.get_by_label("Name or email").fill(staff[0].user.email)
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 person matches.")).to_be_visible()
    expect(page.get_by_text("Lee Park (Springfield Police)")).to_have_count(0)
    page.get_by_role("link", name="Clear filters").click()
    for membership in staff:
        page.get_by_text(f"{membership.user.name} (Springfield Police)").click()
    page.get_by_role("button", name="Enroll selected staff").click()
    expect(page.get_by_role("heading", name="What happened")).to_be_visible()
    expect(page.get_by_role("row", name="Kim Ito Registered")).to_be_visible()
    expect(page.get_by_role("row", name="Lee Park Registered")).to_be_visible()
    expect(
        page.get_by_role("row", name="Max Cole Waitlisted Position 1 on the waitlist.")
    ).to_be_visible()
    assert_accessible(page)
    assert (
        Enrollment.objects.filter(session=session, enrolled_by=partners.police_coordinator).count()
        == 3
    )
    # The list now says who is in already; their boxes cannot be chosen again.
    expect(page.get_by_label(re.compile("Max Cole .* already on the waitlist"))).to_be_disabled()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_training_pages_pass_axe(
    page, site, assert_accessible, csp_violations, viewport, partners
):
    full = SessionFactory(course__title="Full Session", capacity=1)
    services.enroll(user=UserFactory(), session=full)
    waiting = services.enroll(user=partners.police_staff, session=full)
    CourseFactory(title="On-Demand Roll Call", format="roll_call")
    page.set_viewport_size(viewport)
    for path in [
        "/trainings/",
        "/trainings/?format=guild&starts_after=x",
        full.course.get_absolute_url(),
        full.get_absolute_url(),
    ]:
        page.goto(f"{site}{path}")
        assert_accessible(page)
    sign_in(page, site, partners.police_staff.email, DEFAULT_PASSWORD)
    for path in [full.get_absolute_url(), "/trainings/mine/"]:
        page.goto(f"{site}{path}")
        assert_accessible(page)
    give_back = services.give_back_url(waiting).replace("http://127.0.0.1:8000", site)
    page.goto(give_back)
    assert_accessible(page)
    assert csp_violations == []
