import pytest
from django.db import transaction

from campaign.audit import entries_for, log_action
from campaign.models import AuditEntry
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_entry_names_who_did_what_to_which_record_and_why():
    admin = UserFactory(email="admin@example.org")
    organization = OrganizationFactory(name="Harbor Fire")
    log_action(
        actor=admin, action="partners.organization.approve", target=organization, reason="ok"
    )
    (entry,) = entries_for(organization)
    assert (entry.actor, entry.actor_label) == (admin, "admin@example.org")
    assert (entry.action, entry.target_label, entry.reason) == (
        "partners.organization.approve",
        "Harbor Fire",
        "ok",
    )


def test_the_log_keeps_who_acted_after_the_account_is_gone():
    person = UserFactory(email="gone@example.org")
    log_action(actor=person, action="campaign.test", target=None)
    person.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None and entry.actor_label == "gone@example.org"


def test_an_action_that_rolls_back_leaves_no_entry():
    organization = OrganizationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        log_action(actor=None, action="campaign.test", target=organization)
        raise RuntimeError
    assert not AuditEntry.objects.exists()
