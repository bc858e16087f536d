"""A person leaving the portal: their memberships end (join requests too), nobody is
emailed, and an organization is never left without a coordinator."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from partners import services
from partners.models import Membership
from partners.queries import organizations_only_coordinated_by
from tests.audit import logged
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_live_membership_ends_quietly_and_is_logged(django_capture_on_commit_callbacks):
    person = UserFactory()
    staff = MembershipFactory(user=person)
    request = MembershipFactory(user=person, status="pending", started_at=None)
    ended_before = MembershipFactory(user=person, status="ended")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.end_memberships_of_leaving_person(user=person) == 2
    for membership in [staff, request]:
        membership.refresh_from_db()
        assert membership.status == "ended" and membership.ended_at is not None
        assert logged(membership)[-1] == ("partners.membership.leave", person, "")
    assert Membership.objects.get(pk=ended_before.pk).ended_at is None
    assert mail.outbox == []


def test_the_only_coordinator_cannot_leave_and_nothing_ends():
    person = UserFactory()
    MembershipFactory(user=person)
    MembershipFactory(user=person, role="coordinator")
    with pytest.raises(ValidationError, match="only coordinator"):
        services.end_memberships_of_leaving_person(user=person)
    assert Membership.objects.filter(user=person, status="active").count() == 2


def test_the_organizations_a_person_alone_coordinates_in_one_query(django_assert_num_queries):
    person = UserFactory()
    alone = MembershipFactory(user=person, role="coordinator").organization
    shared = MembershipFactory(user=person, role="coordinator").organization
    MembershipFactory(organization=shared, role="coordinator")
    MembershipFactory(user=person, organization=OrganizationFactory())
    MembershipFactory(organization=alone, role="staff")
    with django_assert_num_queries(1):
        assert list(organizations_only_coordinated_by(person)) == [alone]
