"""Partner journeys in Chromium: apply and get approved, invite and join, ask and be let in."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partners.models import Membership, PartnerApplication
from tests.browser.steps import send_empty_then_filled, sign_in, sign_in_as_admin
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_apply_then_an_admin_approves_and_the_applicant_coordinates(
    page, other_page, site, assert_accessible
):
    applicant = UserFactory(name="Riley Chen")
    sign_in(page, site, applicant.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/partners/apply/")
    assert_accessible(page)
    send_empty_then_filled(
        page,
        "Send application",
        {
            "Organization name": "Bakersfield Code Enforcement",
            "Kind": "state_local",
            "State": "CA",
            "Description": "Code enforcement for the City of Bakersfield.",
            "Your job title": "Code enforcement supervisor",
            "How you would take part": "Train all 30 officers.",
        },
        assert_accessible,
    )
    expect(page.get_by_text("Your application was received")).to_be_visible()
    expect(page.get_by_role("cell", name="Submitted")).to_be_visible()

    application = PartnerApplication.objects.get()
    sign_in_as_admin(other_page, site)
    other_page.goto(f"{site}/admin/partners/partnerapplication/{application.pk}/change/")
    other_page.get_by_role("link", name="Approve").click()
    other_page.get_by_role("button", name="Approve").click()
    expect(other_page.get_by_text("Bakersfield Code Enforcement is now a partner")).to_be_visible()

    page.goto(f"{site}/partners/mine/")
    assert_accessible(page)
    page.get_by_role("link", name="Manage").click()
    expect(page.get_by_role("heading", name="Bakersfield Code Enforcement")).to_be_visible()
    expect(page.get_by_role("cell", name="Coordinator")).to_be_visible()
    assert_accessible(page)
    assert any("is now a partner" in message.subject for message in mail.outbox)


def test_a_coordinator_invites_and_the_invitee_signs_up_from_the_email(
    page, other_page, site, assert_accessible, partners
):
    sign_in(page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/partners/{partners.police.slug}/manage/invitations/")
    assert_accessible(page)
    page.get_by_label("Email addresses").fill("new.officer@example.org")
    page.get_by_text("Staff", exact=True).click()
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("Invited: new.officer@example.org")).to_be_visible()
    expect(page.get_by_role("rowheader", name="new.officer@example.org")).to_be_visible()
    assert_accessible(page)

    invitation_email = next(m for m in mail.outbox if m.to == ["new.officer@example.org"])
    link = re.search(r"https?://\S+/partners/invitations/\S+/", invitation_email.body).group(0)
    other_page.goto(link)
    assert_accessible(other_page)
    other_page.get_by_role("link", name="Create an account").click()
    expect(other_page.get_by_label("Email")).to_have_value("new.officer@example.org")
    other_page.get_by_label("Full name").fill("Casey Morgan")
    other_page.locator("#id_password1").fill(DEFAULT_PASSWORD)
    other_page.get_by_label("Password (again)").fill(DEFAULT_PASSWORD)
    other_page.get_by_role("button", name="Sign Up").click()
    # Following the emailed link proved the address: no second verification step.
    expect(
        other_page.get_by_role("heading", name="Invitation to Springfield Police")
    ).to_be_visible()
    other_page.get_by_role("button", name="Accept and join").click()
    expect(other_page.get_by_text("You are now a member of Springfield Police")).to_be_visible()
    membership = Membership.objects.get(user__email="new.officer@example.org")
    assert (membership.status, membership.role) == ("active", "staff")


def test_a_person_asks_to_join_and_the_coordinator_approves(
    page, other_page, site, assert_accessible, partners
):
    requester = UserFactory(name="Avery Brooks")
    sign_in(page, site, requester.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/partners/")
    assert_accessible(page)
    page.get_by_label("Search by name").fill("Springfield Police")
    page.get_by_role("button", name="Show partners").click()
    page.get_by_role("link", name="Springfield Police").click()
    assert_accessible(page)
    page.get_by_label("Message to the coordinator (optional)").fill("Detective, vice unit")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_text("was sent to its coordinators")).to_be_visible()
    expect(page.get_by_text("You asked to join on")).to_be_visible()

    sign_in(other_page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    other_page.goto(f"{site}/partners/{partners.police.slug}/manage/")
    expect(other_page.get_by_role("cell", name="Detective, vice unit")).to_be_visible()
    assert_accessible(other_page)
    other_page.get_by_role("button", name=f"Approve {requester.email}").click()
    expect(other_page.get_by_text("was approved")).to_be_visible()
    expect(other_page.get_by_role("rowheader", name="Avery Brooks")).to_be_visible()

    page.goto(f"{site}/partners/{partners.police.slug}/")
    expect(page.get_by_text("You are a member (staff)")).to_be_visible()


def test_a_parent_coordinator_manages_a_department(page, site, assert_accessible, partners):
    MembershipFactory(organization=partners.police, user=UserFactory(name="Jo Patel"))
    sign_in(page, site, partners.city_coordinator.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/partners/{partners.city.slug}/manage/")
    page.get_by_role("link", name="Springfield Police").click()
    expect(page.get_by_role("rowheader", name="Jo Patel")).to_be_visible()
    page.get_by_role("button", name=re.compile("Make coordinator.*")).first.click()
    expect(page.get_by_text("is now a coordinator")).to_be_visible()
    assert_accessible(page)


def test_an_organization_page_for_visitors(page, site, assert_accessible, partners):
    page.goto(f"{site}/partners/{partners.city.slug}/")
    expect(page.get_by_role("link", name="Springfield Police")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_have_count(2)
    assert_accessible(page)
