"""Links that no longer work say so on an accessible page: an expired give-back link, an
invitation whose inviter's membership ended."""

import pytest
from playwright.sync_api import expect

from partners import services as partner_services
from partners.models import Invitation
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import SessionFactory, UserFactory
from training import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_links_that_no_longer_work_pass_axe(
    page, site, assert_accessible, csp_violations, viewport, partners, campaign_admin
):
    page.set_viewport_size(viewport)
    session = SessionFactory(capacity=1)
    seated = services.enroll(user=UserFactory(), session=session)
    seated.user.is_active = False
    seated.user.save(update_fields=["is_active"])
    response = page.goto(services.give_back_url(seated).replace("http://127.0.0.1:8000", site))
    assert response.status == 410
    expect(page.get_by_text("This link no longer works")).to_be_visible()
    assert_accessible(page)

    partner_services.invite_members(
        organization=partners.police,
        emails=["recruit@example.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    membership = partners.police_coordinator.memberships.get(organization=partners.police)
    partner_services.end_membership(membership=membership, ended_by=campaign_admin)
    response = page.goto(f"{site}{Invitation.objects.get().get_absolute_url()}")
    assert response.status == 410
    expect(page.get_by_text("This invitation no longer works")).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []
