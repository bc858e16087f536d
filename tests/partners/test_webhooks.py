"""Webhooks: an address checked against reaching the portal's own network, set, changed,
given a new secret, tested and removed by a coordinator through audited services; the
coordinator's page; the read-only delivery log in the admin; the log trimmed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partners import jobs, services
from partners.webhooks import Webhook, WebhookDelivery, check_webhook_url
from tests.audit import logged

pytestmark = pytest.mark.django_db

LOCAL = "http://127.0.0.1:9/hook"


def set_hook(partners, url=LOCAL, *, organization=None, by=None, active=True) -> Webhook:
    return services.set_webhook(
        organization=organization or partners.police,
        url=url,
        active=active,
        changed_by=by or partners.police_coordinator,
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://8.8.8.8/hook",  # not https
        "https://10.0.0.5/hook",  # private
        "https://169.254.169.254/latest/meta-data",  # cloud metadata, link-local
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://[::1]/hook",
        "https://user:password@8.8.8.8/hook",
        "ftp://8.8.8.8/hook",
        "https://8.8.8.8:port/hook",
        "not an address",
        "https://no-such-host.invalid/hook",
    ],
)
def test_production_refuses_addresses_that_are_not_public_https(settings, url):
    settings.WEBHOOK_ALLOW_LOCAL = False
    with pytest.raises(ValidationError):
        check_webhook_url(url)


def test_a_public_https_address_passes_and_this_machine_only_in_development(settings):
    settings.WEBHOOK_ALLOW_LOCAL = False
    assert check_webhook_url(" https://8.8.8.8/hook ") == "https://8.8.8.8/hook"
    with pytest.raises(ValidationError) as refused:
        check_webhook_url(LOCAL)
    assert "https://" in refused.value.messages[0]
    settings.WEBHOOK_ALLOW_LOCAL = True
    assert check_webhook_url(LOCAL) == LOCAL
    assert check_webhook_url("http://localhost:8000/hook") == "http://localhost:8000/hook"
    with pytest.raises(ValidationError):
        check_webhook_url("http://10.0.0.5/hook")


def test_setting_makes_the_webhook_with_a_secret_and_changing_keeps_it(partners):
    webhook = set_hook(partners)
    assert webhook.secret.startswith("bcpwh_") and len(webhook.secret) > 40
    assert webhook.created_by == partners.police_coordinator
    changed = set_hook(partners, "http://localhost:9/other", by=partners.city_coordinator)
    assert changed.pk == webhook.pk and changed.secret == webhook.secret
    assert changed.url == "http://localhost:9/other"
    assert Webhook.objects.count() == 1
    assert [entry[:2] for entry in logged(webhook)] == [
        ("partners.webhook.create", partners.police_coordinator),
        ("partners.webhook.change", partners.city_coordinator),
    ]


def test_only_a_manager_of_an_active_partner_sets_a_webhook(partners):
    for person in [partners.police_staff, partners.other_coordinator, partners.outsider]:
        with pytest.raises(ValidationError):
            set_hook(partners, by=person)
    partners.police.status = "inactive"
    partners.police.save()
    with pytest.raises(ValidationError):
        set_hook(partners)
    assert not Webhook.objects.exists()


def test_a_new_secret_replaces_the_old_and_is_logged(partners):
    webhook = set_hook(partners)
    with pytest.raises(ValidationError):
        services.new_webhook_secret_for(webhook=webhook, changed_by=partners.other_coordinator)
    renewed = services.new_webhook_secret_for(
        webhook=webhook, changed_by=partners.police_coordinator
    )
    assert renewed.secret != webhook.secret
    assert logged(webhook)[-1][0] == "partners.webhook.new_secret"


def test_removing_deletes_the_webhook_and_its_log_and_is_logged(partners):
    webhook = set_hook(partners)
    services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
    assert logged(webhook)[-1][0] == "partners.webhook.test"
    with pytest.raises(ValidationError):
        services.remove_webhook(webhook=webhook, removed_by=partners.police_staff)
    services.remove_webhook(webhook=webhook, removed_by=partners.police_coordinator)
    assert not Webhook.objects.exists() and not WebhookDelivery.objects.exists()
    assert logged(partners.police)[-1][:2] == (
        "partners.webhook.remove",
        partners.police_coordinator,
    )


def test_the_coordinator_sets_the_webhook_on_its_page(client, partners):
    client.force_login(partners.police_coordinator)
    url = reverse("partners:manage-webhook", args=[partners.police.slug])
    page = client.get(url)
    assert page.status_code == 200 and b"No deliveries yet" in page.content
    refused = client.post(url, {"url": "ftp://example.org/x", "active": "on"})
    assert refused.status_code == 200
    assert "Enter a whole web address" in refused.content.decode()
    assert client.post(url, {"url": LOCAL, "active": "on"}).status_code == 302
    webhook = Webhook.objects.get()
    page = client.get(url)
    assert webhook.secret in page.content.decode()
    assert b"Send a test event" in page.content
    client.post(reverse("partners:manage-webhook-test", args=[partners.police.slug]))
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "webhook.test"
    assert delivery.payload["organization"] == "Springfield Police"
    assert "webhook.test" in client.get(url).content.decode()


def test_another_organizations_webhook_is_not_reached_through_the_address(client, partners):
    set_hook(partners, organization=partners.other, by=partners.other_coordinator)
    client.force_login(partners.police_coordinator)
    test_url = reverse("partners:manage-webhook-test", args=[partners.police.slug])
    assert client.post(test_url).status_code == 404  # police has none
    assert not WebhookDelivery.objects.exists()


def test_the_admin_shows_the_delivery_log_read_only(admin_client, partners):
    webhook = set_hook(partners)
    delivery = services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
    changelist = admin_client.get(reverse("admin:partners_webhookdelivery_changelist"))
    assert changelist.status_code == 200 and b"webhook.test" in changelist.content
    change = admin_client.get(reverse("admin:partners_webhookdelivery_change", args=[delivery.pk]))
    assert change.status_code == 200
    assert webhook.secret not in change.content.decode()
    assert b'name="_save"' not in change.content
    assert admin_client.get(reverse("admin:partners_webhookdelivery_add")).status_code == 403
    hooks = admin_client.get(reverse("admin:partners_webhook_change", args=[webhook.pk]))
    assert hooks.status_code == 200 and LOCAL in hooks.content.decode()
    assert webhook.secret not in hooks.content.decode()


def test_the_retention_job_trims_old_deliveries(partners, settings):
    settings.WEBHOOK_DELIVERY_DAYS = 30
    webhook = set_hook(partners)
    old = services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
    recent = services.send_test_event(webhook=webhook, sent_by=partners.police_coordinator)
    WebhookDelivery.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    assert jobs.trim_webhook_deliveries() == "1 webhook delivery(ies) trimmed."
    assert list(WebhookDelivery.objects.all()) == [recent]


def test_the_delivery_log_writes_its_times_in_the_page_s_language(client, partners):
    """A coordinator reading the log in Spanish sees "7 feb 2022, 15:00" where the English
    page writes "Feb 7, 2022, 3:00 PM"."""
    delivery = services.send_test_event(
        webhook=set_hook(partners), sent_by=partners.police_coordinator
    )
    moment = datetime(2022, 2, 7, 20, 0, tzinfo=UTC)  # 3:00 PM in New York
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        created_at=moment, state="failed", next_attempt_at=moment + timedelta(minutes=5)
    )
    client.force_login(partners.police_coordinator)
    url = reverse("partners:manage-webhook", args=[partners.police.slug])
    with timezone.override("America/New_York"):
        english = client.get(url).content.decode()
        spanish = client.get(f"/es{url}").content.decode()
    assert "Feb 7, 2022, 3:00 PM" in english and "tried again at Feb 7, 3:05 PM" in english
    assert "7 feb 2022, 15:00" in spanish and "se reintentará el 7 feb, 15:05" in spanish
