"""Partners emails say who acted: a role change names the person who made it."""

import pytest
from django.core import mail

from partners import services
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_change_email_says_who_changed_the_role(django_capture_on_commit_callbacks):
    organization = OrganizationFactory(name="Harbor Fire")
    coordinator = MembershipFactory(
        organization=organization, role="coordinator", user=UserFactory(name="Casey Lead")
    ).user
    membership = MembershipFactory(organization=organization, role="staff")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_role(membership=membership, role="coordinator", changed_by=coordinator)
    (message,) = mail.outbox
    assert "You are now coordinator of Harbor Fire." in message.body
    assert "Casey Lead changed your role." in message.body
