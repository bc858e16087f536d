"""A coordinator enrolls staff from a CSV file in Chromium: a refused file says why, the
preview shows each row's outcome, the confirmation enrolls; axe at phone and desktop size."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import sign_in
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, SessionFactory, UserFactory
from training.models import Enrollment

pytestmark = pytest.mark.django_db(transaction=True)


def csv_file(text: str) -> dict:
    return {"name": "staff.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_coordinator_enrolls_staff_from_a_file(
    page, site, assert_accessible, partners, viewport
):
    session = SessionFactory(course__title="Investigations Basics", capacity=1)
    for name, email in [("Kim Ito", "kim@example.org"), ("Lee Park", "lee@example.org")]:
        MembershipFactory(organization=partners.police, user=UserFactory(name=name, email=email))
    page.set_viewport_size(viewport)
    sign_in(page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/trainings/sessions/{session.pk}/enroll-staff/")
    page.get_by_role("link", name="Enroll staff from a CSV file instead").click()
    assert_accessible(page)
    # USWDS dresses the file input up; the input itself takes the file.
    page.locator("#id_file").set_input_files(files=[csv_file("name\nKim Ito\n")])
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("needs a column named “email”").first).to_be_visible()
    assert_accessible(page)

    page.locator("#id_file").set_input_files(
        files=[csv_file("email\nkim@example.org\nlee@example.org\nstranger@example.org\n")]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("2 people will be enrolled. Nothing has changed yet.")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("2 .*kim@example.org .*Will be registered"))
    ).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("3 .*lee@example.org .*Will join the waitlist"))
    ).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("4 .*stranger@example.org .*Not active staff"))
    ).to_be_visible()
    assert_accessible(page)
    assert not Enrollment.objects.exists()
    page.get_by_role("button", name="Enroll 2 people").click()
    expect(page.get_by_role("heading", name="What happened")).to_be_visible()
    expect(page.get_by_role("row", name="Kim Ito Registered")).to_be_visible()
    expect(page.get_by_role("row", name="Lee Park Waitlisted")).to_be_visible()
    assert_accessible(page)
    assert Enrollment.objects.filter(session=session).count() == 2
