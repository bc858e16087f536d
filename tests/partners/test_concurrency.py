"""Rules that hold under concurrency, on PostgreSQL with real transactions.

Each test first shows the race happening with the lock taken out, then shows the service's
lock preventing it.
"""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError

from partners import services
from partners.models import Membership, Organization, PartnerApplication
from tests.concurrency import refusals, requires_postgres, run_in_parallel, run_twice_at_once
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    submit_partner_application,
)

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_coordinators():
    organization = OrganizationFactory()
    first = MembershipFactory(organization=organization, role="coordinator")
    second = MembershipFactory(organization=organization, role="coordinator")
    return organization, first, second


def race_after_the_check(monkeypatch):
    """Makes both threads pass the "a coordinator remains" check before either writes.

    With the organization locked the second thread never reaches the check while the first
    waits, so the wait gives up after a moment and the first goes on alone.
    """
    barrier = threading.Barrier(2, timeout=2)
    check = services.memberships._ensure_a_coordinator_remains

    def check_then_wait(*args, **kwargs):
        check(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    monkeypatch.setattr(services.memberships, "_ensure_a_coordinator_remains", check_then_wait)


def end_each_other(first: Membership, second: Membership):
    return run_in_parallel(
        lambda: services.end_membership(membership=second, ended_by=first.user),
        lambda: services.end_membership(membership=first, ended_by=second.user),
    )


def live_coordinators(organization: Organization) -> int:
    return Membership.objects.filter(
        organization=organization, role="coordinator", status="active"
    ).count()


def test_without_the_lock_two_coordinators_can_remove_each_other(monkeypatch, two_coordinators):
    organization, first, second = two_coordinators
    race_after_the_check(monkeypatch)

    def lock_nothing(membership):
        return Membership.objects.get(pk=membership.pk)

    monkeypatch.setattr(services.memberships, "_lock_active_membership", lock_nothing)
    end_each_other(first, second)
    assert live_coordinators(organization) == 0


def test_the_organization_lock_keeps_one_coordinator(monkeypatch, two_coordinators):
    organization, first, second = two_coordinators
    race_after_the_check(monkeypatch)
    results = end_each_other(first, second)
    assert live_coordinators(organization) == 1
    assert refusals(results) == 1


def test_approving_one_application_twice_at_once_creates_one_organization():
    application = submit_partner_application("Port of Long Beach")
    admins = [UserFactory(is_staff=True), UserFactory(is_staff=True)]
    results = run_in_parallel(
        *[
            lambda admin=admin: services.approve_application(
                application=application, decided_by=admin
            )
            for admin in admins
        ]
    )
    assert Organization.objects.count() == 1
    assert PartnerApplication.objects.get().status == "approved"
    assert refusals(results) == 1


def test_approving_two_same_named_applications_at_once_answers_clearly(monkeypatch):
    """Both approvals pick the same free slug before either writes; the second one's insert
    meets the first's row and gets a message a person can act on, not an IntegrityError.
    Nothing of the refused approval is kept, and approving it again works."""
    first, second = (
        submit_partner_application("Port of Long Beach"),
        submit_partner_application("Port of Long Beach"),
    )
    barrier = threading.Barrier(2, timeout=2)
    pick_slug = services.applications.unique_organization_slug

    def pick_then_wait(name):
        slug = pick_slug(name)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return slug

    monkeypatch.setattr(services.applications, "unique_organization_slug", pick_then_wait)
    admin = UserFactory(is_staff=True)
    results = run_in_parallel(
        *[
            lambda application=application: services.approve_application(
                application=application, decided_by=admin
            )
            for application in (first, second)
        ]
    )
    refused = [result for result in results if isinstance(result, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert "An organization named Port of Long Beach was just created" in refused[0].messages[0]
    assert Organization.objects.count() == 1
    assert Membership.objects.count() == 1
    statuses = sorted(PartnerApplication.objects.values_list("status", flat=True))
    assert statuses == ["approved", "submitted"]
    monkeypatch.undo()
    waiting = PartnerApplication.objects.get(status="submitted")
    again = services.approve_application(application=waiting, decided_by=admin)
    assert again.slug == "port-of-long-beach-2"


def test_two_join_requests_at_once_leave_one_pending_membership():
    organization = OrganizationFactory()
    user = UserFactory()
    results = run_twice_at_once(
        lambda: services.request_membership(user=user, organization=organization)
    )
    assert Membership.objects.filter(user=user, organization=organization).count() == 1
    assert refusals(results) == 1
