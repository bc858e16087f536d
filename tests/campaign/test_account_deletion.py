"""Deleting one's account: the person is erased everywhere, every figure of the impact page
stays, seats go to the people waiting, certificates verify as "issued, holder withdrew"."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from campaign.models import AuditEntry, ContactMessage, FailedEmail, User
from campaign.site import impact
from campaign.site.privacy.services import delete_account
from partners.models import Invitation, Membership, PartnerApplication, WebhookDelivery
from resources.models import MaterialOrder
from tests.audit import logged
from tests.campaign.test_accounts import sign_up
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, StaffUserFactory, make_api_token
from tests.privacy import EMAIL, NAME, person_with_everything
from training.models import CalendarFeed, Enrollment

pytestmark = pytest.mark.django_db


def figures():
    """Every figure of the impact page, as computed from the records."""
    return impact.totals(), impact.breakdowns()


def delete_through_the_page(client, user, password=DEFAULT_PASSWORD):
    client.force_login(user)
    return client.post(reverse("account-delete"), {"password": password})


def test_deleting_erases_the_person_everywhere_and_keeps_every_impact_figure(
    client, django_capture_on_commit_callbacks
):
    rosa = person_with_everything()
    before = figures()
    with django_capture_on_commit_callbacks(execute=True):
        response = delete_through_the_page(client, rosa.user)
    assert response.status_code == 302 and response.url == reverse("home")
    assert figures() == before

    user = User.objects.get(pk=rosa.user.pk)
    assert user.email == f"deleted-{user.pk}@deleted.invalid"
    assert (user.name, user.is_active, user.has_usable_password()) == ("", False, False)
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user, status__in=["pending", "active"]).exists()
    assert Enrollment.objects.get(pk=rosa.attended.pk).status == "attended"
    assert Enrollment.objects.get(pk=rosa.seat.pk).status == "cancelled"
    assert not rosa.taught.trainers.exists()
    certificate = rosa.certificates.get()
    assert certificate.holder_withdrew and certificate.recipient_name == ""
    assert certificate.revoked_at is None
    order = MaterialOrder.objects.get(pk=rosa.order.pk)
    assert (order.contact_name, order.email, order.shipping_address) == ("", "", "")
    assert order.items.count() == 1
    assert not ContactMessage.objects.filter(email__iexact=EMAIL).exists()
    assert not Invitation.objects.filter(email__iexact=EMAIL).exists()
    assert PartnerApplication.objects.get(applicant=user).phone == ""
    assert not CalendarFeed.objects.filter(user=user).exists()
    assert not FailedEmail.objects.filter(recipient__iexact=EMAIL).exists()


def test_no_log_entry_names_the_person_after_deletion():
    rosa = person_with_everything()
    delete_account(user=rosa.user)
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.actor_label, entry.target_label, entry.reason, entry.data])
        assert NAME not in text and EMAIL not in text, entry.action
    action, actor, _reason = logged(rosa.user)[-1]
    assert (action, actor) == ("campaign.account.delete", rosa.user)


def test_the_freed_seat_goes_to_the_person_waiting_who_is_emailed_and_nothing_goes_to_rosa(
    django_capture_on_commit_callbacks,
):
    rosa = person_with_everything()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=rosa.user)
    waiting = Enrollment.objects.get(user=rosa.waiting, session=rosa.full)
    assert waiting.status == "registered"
    recipients = [address for message in mail.outbox for address in message.to]
    assert rosa.waiting.email in recipients
    assert EMAIL not in recipients
    assert not any(address.endswith(".invalid") for address in recipients)


def test_the_certificate_verifies_as_issued_holder_withdrew(client):
    rosa = person_with_everything()
    delete_account(user=rosa.user)
    page = client.get(reverse("certificates:verify", args=[rosa.certificate.code]))
    assert "Issued, holder withdrew" in page.content.decode()
    assert NAME not in page.content.decode()
    payload = client.get(reverse("certificates:verify-json", args=[rosa.certificate.code])).json()
    assert payload["status"] == "valid"
    assert payload["name"] is None and payload["holder_withdrew"] is True


def test_the_person_cannot_sign_in_again_and_their_other_sessions_end(client):
    rosa = person_with_everything()
    elsewhere = Client()
    elsewhere.force_login(rosa.user)
    assert elsewhere.get(reverse("account-data")).status_code == 200
    delete_through_the_page(client, rosa.user)
    assert "_auth_user_id" not in client.session
    assert elsewhere.get(reverse("account-data")).status_code == 302
    client.post(reverse("account_login"), {"login": EMAIL, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_deletes_nothing(client):
    rosa = person_with_everything()
    response = delete_through_the_page(client, rosa.user, password="not-my-password")
    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert User.objects.get(pk=rosa.user.pk).email == EMAIL


def test_the_only_coordinator_of_an_organization_is_asked_to_name_another_first(client):
    organization = MembershipFactory(role="coordinator").organization
    coordinator = organization.memberships.get().user
    client.force_login(coordinator)
    page = client.get(reverse("account-delete")).content.decode()
    assert "You are the only coordinator of these organizations" in page
    assert organization.name in page
    assert 'type="password"' not in page
    response = client.post(reverse("account-delete"), {"password": DEFAULT_PASSWORD})
    assert "only coordinator" in response.content.decode()
    assert User.objects.get(pk=coordinator.pk).is_active
    assert organization.memberships.get().status == "active"


def test_an_administrators_account_is_not_deleted_here():
    admin = StaffUserFactory()
    with pytest.raises(ValidationError, match="administrator"):
        delete_account(user=admin)
    assert User.objects.get(pk=admin.pk).is_active


def test_an_account_is_deleted_once():
    rosa = person_with_everything()
    delete_account(user=rosa.user)
    with pytest.raises(ValidationError, match="already"):
        delete_account(user=User.objects.get(pk=rosa.user.pk))


def test_the_figures_compared_are_shown_not_suppressed():
    """The comparison above means something: the counts a deletion could change are large
    enough to be shown on the impact page."""
    person_with_everything()
    totals = impact.totals()
    assert totals.people_trained == 7 and totals.certificates_issued == 7


def test_the_address_is_free_again_after_deletion(client):
    """Nothing keeps the old address: the person may come back with a new account."""
    rosa = person_with_everything()
    delete_account(user=rosa.user)
    sign_up(client, email=EMAIL)
    assert User.objects.filter(email=EMAIL).exclude(pk=rosa.user.pk).exists()


def test_the_api_tokens_a_coordinator_made_are_revoked_and_in_their_download(client):
    organization = MembershipFactory(role="coordinator").organization
    leaving = organization.memberships.get().user
    MembershipFactory(organization=organization, role="coordinator")
    token, _secret = make_api_token(organization, created_by=leaving)
    client.force_login(leaving)
    download = json.loads(b"".join(client.get(reverse("account-data-download")).streaming_content))
    assert [row["name"] for row in download["api_tokens_made"]] == [token.name]

    delete_account(user=leaving)

    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(action="campaign.account.delete")
    assert entry.data["api_tokens_revoked"] == 1


def test_the_copies_of_events_sent_to_partners_forget_the_person():
    rosa = person_with_everything()
    webhook = rosa.police.webhook
    kept = WebhookDelivery.objects.create(
        webhook=webhook, event="certificate.issued", payload={"completion": {"email": EMAIL}}
    )
    other = WebhookDelivery.objects.create(
        webhook=webhook,
        event="certificate.issued",
        payload={"completion": {"email": "someone@example.org"}},
    )
    delete_account(user=rosa.user)
    kept.refresh_from_db()
    other.refresh_from_db()
    assert kept.payload == {}
    assert other.payload == {"completion": {"email": "someone@example.org"}}
