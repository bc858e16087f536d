"""An organization's API tokens and the log of their use (the completions feed reads them).

The secret is shown once, when the token is made; only its SHA-256 is stored, with a short
visible prefix that names it on the token list. A secret carries 256 random bits, so a plain
hash (no salt, no slow hash) is enough: nothing can be guessed back from it, and a lookup
by hash is one indexed query.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.fields import account_that_acted

# Every secret starts with this, so a leaked one is recognised (by secret scanners too).
SECRET_PREFIX = "bcp_"  # noqa: S105 (a label, not a secret)
# Characters after SECRET_PREFIX kept in the clear to tell tokens apart on the list.
VISIBLE_CHARACTERS = 6
# The longest a token may live.
LONGEST_VALIDITY = timedelta(days=365)


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def visible_prefix(secret: str) -> str:
    return secret[: len(SECRET_PREFIX) + VISIBLE_CHARACTERS]


class ApiToken(models.Model):
    """A coordinator's key to the organization's completions feed."""

    organization = models.ForeignKey(
        "partners.Organization", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(max_length=20)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_by = account_that_acted(blank=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField(help_text=_("The token stops working at the end of this day."))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = account_that_acted()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organization", "created_at"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_standing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class TokenUse(models.Model):
    """One request made with a token: when, where, its answer and how many rows it carried.
    Trimmed after API_TOKEN_USE_DAYS by a scheduled job."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField(default=timezone.now)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-used_at", "-pk"]
        indexes = [models.Index(fields=["used_at"])]

    def __str__(self) -> str:
        return f"{self.token} {self.status} {self.path}"
