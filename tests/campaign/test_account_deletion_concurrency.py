"""Deleting accounts at once, on PostgreSQL with real transactions: an organization's two
coordinators leaving together leave it one (the race first shown without the lock); a
double click deletes once."""

import pytest

from campaign.site.privacy.services import delete_account
from partners import services as partner_services
from partners.models import Membership
from tests.concurrency import refusals, requires_postgres, run_in_parallel, run_twice_at_once
from tests.factories import MembershipFactory, OrganizationFactory
from tests.partners.test_concurrency import live_coordinators, race_after_the_check

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def both_coordinators_delete_their_accounts():
    organization = OrganizationFactory()
    first = MembershipFactory(organization=organization, role="coordinator").user
    second = MembershipFactory(organization=organization, role="coordinator").user
    results = run_in_parallel(
        lambda: delete_account(user=first), lambda: delete_account(user=second)
    )
    return organization, results


def test_without_the_lock_two_coordinators_leaving_at_once_leave_no_coordinator(monkeypatch):
    race_after_the_check(monkeypatch)
    monkeypatch.setattr(partner_services.memberships, "_lock_organizations", lambda ids: None)
    organization, results = both_coordinators_delete_their_accounts()
    assert refusals(results) == 0
    assert live_coordinators(organization) == 0


def test_the_organization_lock_keeps_one_coordinator_when_both_leave_at_once(monkeypatch):
    race_after_the_check(monkeypatch)
    organization, results = both_coordinators_delete_their_accounts()
    assert refusals(results) == 1
    assert live_coordinators(organization) == 1


def test_a_double_click_deletes_once():
    person = MembershipFactory().user
    results = run_twice_at_once(lambda: delete_account(user=person))
    assert refusals(results) == 1
    assert not Membership.objects.filter(user=person, status="active").exists()
