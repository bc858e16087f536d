"""A certificate expires and its holder is reminded: issued a year ago with a 12-month
validity, the scheduled job emails the holder the next sessions, the holder sees when it
expires, downloads it as an Open Badge (verified against the published key), then it
expires and the holder's page, the coordinator's report and the public check say so."""

import re
from datetime import timedelta

import jwt as pyjwt
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from campaign.scheduler import run_jobs
from tests.browser.conftest import PHONE
from tests.browser.steps import sign_in
from tests.factories import (
    DEFAULT_PASSWORD,
    CourseFactory,
    MembershipFactory,
    OrganizationFactory,
    SessionFactory,
    UserFactory,
)
from training import services
from training.models import Certificate, Enrollment

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_certificate_expires_and_its_holder_is_reminded(
    page, other_page, site, assert_accessible
):
    course = CourseFactory(
        title="Indicators for Health Care",
        issues_certificates=True,
        certificate_validity_months=12,
    )
    # Taken 350 days ago: with 12 months of validity, it expires in about two weeks.
    taken = timezone.now() - timedelta(days=350)
    past = SessionFactory(course=course, starts_at=taken, ends_at=taken + timedelta(hours=1))
    soon = timezone.now() + timedelta(days=6)
    next_session = SessionFactory(course=course, starts_at=soon, ends_at=soon + timedelta(hours=1))
    organization = OrganizationFactory(name="Springfield Clinic")
    holder = MembershipFactory(organization=organization, user=UserFactory(name="Robin Diaz")).user
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    enrollment = Enrollment.objects.create(user=holder, session=past, status="registered")
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    certificate = Certificate.objects.get(user=holder)
    expires = certificate.expires_on
    assert timedelta(days=10) < expires - timezone.localdate() < timedelta(days=20)

    mail.outbox.clear()
    run_jobs(only=["training-certificate-expiry"])
    [reminder] = [m for m in mail.outbox if m.to == [holder.email]]
    assert "Indicators for Health Care" in reminder.subject
    link = re.search(rf"{re.escape(site)}/trainings/sessions/{next_session.pk}/\S*", reminder.body)
    assert link, reminder.body
    run_jobs(only=["training-certificate-expiry"])  # once only
    assert len([m for m in mail.outbox if m.to == [holder.email]]) == 1

    sign_in(page, site, holder.email, DEFAULT_PASSWORD)
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Indicators for Health Care")).to_be_visible()
    page.goto(f"{site}/trainings/mine/")
    expires_text = f"Expires on {expires:%b} {expires.day}, {expires.year}"
    expect(page.get_by_text(expires_text)).to_be_visible()
    assert_accessible(page)
    badge_link = page.get_by_role("link", name=re.compile("^Open Badge"))
    with page.expect_download() as download:
        badge_link.click()
    token = download.value.path().read_text()
    key_set = page.request.get(f"{site}/.well-known/jwks.json").json()
    key = pyjwt.PyJWKSet.from_dict(key_set)[pyjwt.get_unverified_header(token)["kid"]]
    claims = pyjwt.decode(token, key=key, algorithms=["EdDSA"])
    assert claims["credentialSubject"]["achievement"]["name"] == "Indicators for Health Care"
    assert claims["validUntil"].startswith(expires.isoformat()[:7])

    # Time passes: the day of expiry comes.
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=timezone.localdate())
    page.reload()
    expect(page.get_by_text(re.compile(r"Expired on "))).to_be_visible()
    page.set_viewport_size(PHONE)
    assert_accessible(page)

    sign_in(other_page, site, coordinator.email, DEFAULT_PASSWORD)
    other_page.goto(f"{site}/trainings/report/{organization.slug}/")
    expect(other_page.get_by_role("heading", name="Certificates to renew")).to_be_visible()
    row = other_page.get_by_role("row").filter(has_text="Robin Diaz").filter(has_text="Expired")
    expect(row).to_be_visible()
    assert_accessible(other_page)

    public = other_page.context.browser.new_page()
    public.goto(f"{site}/certificates/verify/{certificate.code}/")
    expect(public.get_by_role("heading", name="This certificate has expired")).to_be_visible()
    expect(public.get_by_text("Expired", exact=True)).to_be_visible()
    assert_accessible(public)
    public.close()
