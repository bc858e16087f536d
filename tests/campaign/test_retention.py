"""The retention rules the scheduler runs: each erases only what its period has passed,
again and again without harm, logs a count naming no one; the privacy page states the
periods the settings hold."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from campaign.models import AuditEntry, ContactMessage, ContentPage, FailedEmail, User
from campaign.scheduler import registered_jobs
from campaign.services import trim_personal_logs
from campaign.site.privacy.services import remove_unverified_accounts
from partners.models import Invitation
from partners.services import remove_stale_invitations
from resources.models import MaterialOrder
from resources.services import erase_old_order_addresses
from tests.factories import (
    MaterialOrderFactory,
    OrganizationFactory,
    SessionFactory,
    StaffUserFactory,
    UserFactory,
)
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def last_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("created_at")


def test_the_retention_jobs_are_registered():
    assert {
        "print-order-address-retention",
        "unverified-account-retention",
        "invitation-retention",
        "log-retention",
    } <= set(registered_jobs())


def test_order_addresses_are_erased_the_set_time_after_shipping_or_refusal(settings):
    settings.PRINT_ORDER_ADDRESS_RETENTION_DAYS = 90
    shipped_long_ago = MaterialOrderFactory(status="shipped", shipped_at=days_ago(91))
    refused_long_ago = MaterialOrderFactory(status="rejected", rejected_at=days_ago(91))
    shipped_lately = MaterialOrderFactory(status="shipped", shipped_at=days_ago(89))
    waiting = MaterialOrderFactory(phone="555-0100")
    assert erase_old_order_addresses() == 2
    assert erase_old_order_addresses() == 0
    for order in [shipped_long_ago, refused_long_ago]:
        order.refresh_from_db()
        assert (order.contact_name, order.email, order.phone, order.shipping_address) == (
            ("", "", "", "")
        )
        assert order.display_location  # not personal: where posters hang
    for order in [shipped_lately, waiting]:
        assert MaterialOrder.objects.get(pk=order.pk).shipping_address
    entry = last_entry("resources.order.erase_address")
    assert (entry.actor, entry.data) == (None, {"orders": 2})
    assert AuditEntry.objects.filter(action="resources.order.erase_address").count() == 1


def test_unverified_accounts_are_removed_the_set_time_after_sign_up(settings):
    settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS = 30
    stale = UserFactory(verified=False)
    recent = UserFactory(verified=False)
    confirmed = UserFactory()
    made_by_an_admin = User.objects.create_user(email="made@example.org")
    staff = StaffUserFactory(verified=False)
    enrolled = UserFactory(verified=False)
    Enrollment.objects.create(user=enrolled, session=SessionFactory(), status="registered")
    User.objects.exclude(pk=recent.pk).update(date_joined=days_ago(31))
    assert remove_unverified_accounts() == 1
    assert remove_unverified_accounts() == 0
    assert not User.objects.filter(pk=stale.pk).exists()
    assert not EmailAddress.objects.filter(email=stale.email).exists()
    assert set(User.objects.values_list("pk", flat=True)) == {
        recent.pk,
        confirmed.pk,
        made_by_an_admin.pk,
        staff.pk,
        enrolled.pk,
    }
    entry = last_entry("campaign.account.remove_unverified")
    assert (entry.actor, entry.data, entry.target_label) == (None, {"accounts": 1}, "")


def test_invitations_nobody_accepted_are_removed_the_set_time_after_expiry(settings):
    settings.INVITATION_RETENTION_DAYS = 30
    organization = OrganizationFactory()

    def invitation(email, **fields):
        return Invitation.objects.create(
            organization=organization, email=email, role="staff", **fields
        )

    expired_long_ago = invitation("a@example.org", expires_at=days_ago(31))
    revoked_long_ago = invitation(
        "b@example.org", expires_at=days_ago(-5), revoked_at=days_ago(31)
    )
    expired_lately = invitation("c@example.org", expires_at=days_ago(29))
    accepted = invitation("d@example.org", expires_at=days_ago(60), accepted_at=days_ago(70))
    open_one = invitation("e@example.org", expires_at=days_ago(-14))
    assert remove_stale_invitations() == 2
    assert remove_stale_invitations() == 0
    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        expired_lately.pk,
        accepted.pk,
        open_one.pk,
    }
    assert not Invitation.objects.filter(pk__in=[expired_long_ago.pk, revoked_long_ago.pk])
    assert last_entry("partners.invitation.remove_stale").data == {"invitations": 2}


def test_logs_with_personal_data_are_trimmed_the_set_time_after_they_were_written(settings):
    settings.LOG_RETENTION_DAYS = 365
    person = UserFactory(name="Ana Ruiz")

    def message(received_at):
        ContactMessage.objects.filter(
            pk=ContactMessage.objects.create(
                name="Ana Ruiz", email="ana@example.org", topic="general", message="Hi"
            ).pk
        ).update(received_at=received_at)

    message(days_ago(366))
    message(days_ago(10))
    FailedEmail.objects.create(
        recipient="ana@example.org", subject="S", error="E", failed_at=days_ago(366)
    )
    FailedEmail.objects.create(recipient="ana@example.org", subject="S", error="E")
    old = AuditEntry.objects.create(
        actor=person,
        actor_label=person.email,
        action="x.y.z",
        target_label="Ana Ruiz",
        reason="Ana called",
        created_at=days_ago(366),
        data={"status": "registered"},
    )
    recent = AuditEntry.objects.create(actor=person, actor_label=person.email, action="x.y.z")
    LogEntry.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr="Ana Ruiz",
        action_flag=ADDITION,
        action_time=days_ago(366),
    )
    counts = trim_personal_logs()
    assert counts == {
        "contact_messages": 1,
        "failed_emails": 1,
        "admin_log_entries": 1,
        "audit_entries": 1,
    }
    assert set(trim_personal_logs().values()) == {0}
    assert ContactMessage.objects.count() == FailedEmail.objects.count() == 1
    assert not LogEntry.objects.exists()
    old.refresh_from_db()
    assert (old.actor_label, old.target_label, old.reason) == ("", "", "")
    assert (old.actor, old.action, old.data) == (person, "x.y.z", {"status": "registered"})
    assert AuditEntry.objects.get(pk=recent.pk).actor_label == person.email
    assert last_entry("campaign.logs.trim").data == counts


def retention_items(client, path: str) -> dict[str, str]:
    page = client.get(path).content.decode()
    return dict(re.findall(r'<li data-setting="(\w+)">([^<]+)</li>', page))


def test_the_privacy_page_states_the_periods_the_settings_hold(client, settings):
    settings.PRINT_ORDER_ADDRESS_RETENTION_DAYS = 90
    settings.INVITATION_RETENTION_DAYS = 1
    items = retention_items(client, reverse("privacy"))
    assert "erased 90 days after it was shipped" in items["PRINT_ORDER_ADDRESS_RETENTION_DAYS"]
    assert "removed 1 day after it expired" in items["INVITATION_RETENTION_DAYS"]
    assert set(items) == {
        "PRINT_ORDER_ADDRESS_RETENTION_DAYS",
        "UNVERIFIED_ACCOUNT_RETENTION_DAYS",
        "INVITATION_RETENTION_DAYS",
        "LOG_RETENTION_DAYS",
        "TASKS_RETENTION_DAYS",
    }
    settings.PRINT_ORDER_ADDRESS_RETENTION_DAYS = 45
    items = retention_items(client, reverse("privacy"))
    assert "erased 45 days after it was shipped" in items["PRINT_ORDER_ADDRESS_RETENTION_DAYS"]


def test_the_privacy_page_states_the_periods_in_spanish(client, settings):
    settings.LOG_RETENTION_DAYS = 1
    with translation.override("es"):
        path = reverse("privacy")
    items = retention_items(client, path)
    assert path.startswith("/es/")
    assert "1 día" in items["LOG_RETENTION_DAYS"]
    assert "90 días" in items["PRINT_ORDER_ADDRESS_RETENTION_DAYS"]


def test_an_admin_still_edits_the_notes_of_an_erased_order(admin_client):
    order = MaterialOrderFactory(status="shipped", shipped_at=days_ago(400))
    erase_old_order_addresses()
    url = reverse("admin:resources_materialorder_change", args=[order.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = {
        "organization_name": order.organization_name,
        "display_location": order.display_location,
        "admin_notes": "Delivered by hand.",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert MaterialOrder.objects.get(pk=order.pk).admin_notes == "Delivered by hand."


def test_a_privacy_notice_as_first_written_is_pointed_to_your_data_and_an_edited_one_kept():
    migration = import_module("campaign.migrations.0014_privacy_notice_points_to_your_data")
    (_en, first_en, now_en), (_es, first_es, now_es) = migration.SECTIONS
    page = ContentPage.objects.filter(slug="privacy").first() or ContentPage(slug="privacy")
    page.title, page.summary = "Privacy notice", "What the portal stores."
    page.body_en = "Intro.\n\n" + first_en
    page.body_es = "Rewritten by an admin."
    page.save()
    migration.point_to_your_data(apps, None)
    page.refresh_from_db()
    assert page.body_en == "Intro.\n\n" + now_en
    assert page.body_es == "Rewritten by an admin."
    assert "**Your data**" in now_en and "**Sus datos**" in now_es and first_es != now_es
