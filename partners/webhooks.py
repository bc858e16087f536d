"""An organization's webhook (the address the portal tells of its people's certificates) and
the log of each event delivered to it.

The secret is the HMAC key the receiver checks each delivery's signature with, so, unlike
an API token's, it is kept as it is (a hash could not sign). It is shown to the
organization's coordinators on their webhook page and never written to the delivery log.
"""

import hashlib
import hmac
import ipaddress
import secrets
import socket
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaign.fields import account_that_acted

# Every secret starts with this, so a leaked one is recognised (by secret scanners too).
SECRET_PREFIX = "bcpwh_"  # noqa: S105 (a label, not a secret)
# Hosts a developer's own receiver answers on; allowed only with WEBHOOK_ALLOW_LOCAL.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def new_webhook_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The X-Portal-Signature value: HMAC-SHA256 of "<timestamp>.<body>" keyed by the secret."""
    signed = timestamp.encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def host_is_public(host: str) -> bool:
    """Whether every address the host resolves to is a public one (not private, loopback,
    link-local or reserved), so a delivery cannot be aimed at the portal's own network."""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {ipaddress.ip_address(entry[4][0].split("%")[0]) for entry in found}
    return bool(addresses) and all(address.is_global for address in addresses)


def check_webhook_url(url: str) -> str:
    """The address, stripped, or a ValidationError saying what is wrong with it: https to a
    public host; http or https to this machine only where WEBHOOK_ALLOW_LOCAL is on."""
    url = url.strip()
    whole = gettext("Enter a whole web address, like https://example.org/hook.")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        raise ValidationError(whole) from None
    if not host or parts.scheme not in {"http", "https"}:
        raise ValidationError(whole)
    if parts.username or parts.password:
        raise ValidationError(gettext("Leave the user name and password out of the address."))
    if settings.WEBHOOK_ALLOW_LOCAL and host in LOCAL_HOSTS:
        return url
    if parts.scheme != "https":
        raise ValidationError(gettext("The address must start with https://."))
    if host in LOCAL_HOSTS or not host_is_public(host):
        raise ValidationError(
            gettext(
                "The address must be on the public internet: this host is private, "
                "unknown or this portal's own."
            )
        )
    return url


class Webhook(models.Model):
    """Where the portal posts events about an organization's people's certificates."""

    organization = models.OneToOneField(
        "partners.Organization", on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.CharField(_("address"), max_length=500)  # checked by check_webhook_url
    secret = models.CharField(max_length=80)
    active = models.BooleanField(_("active"), default=True)
    created_by = account_that_acted(blank=False)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.organization}: {self.url}"


class WebhookDelivery(models.Model):
    """One event for one webhook and how its tries went. Trimmed after WEBHOOK_DELIVERY_DAYS
    by a scheduled job."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, unique=True)
    event = models.CharField(max_length=50)
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"])]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} ({self.state})"
