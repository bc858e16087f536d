"""Certificates and their public verification codes."""

import secrets
import unicodedata
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from campaign.fields import account_that_acted
from training.models.courses import Course
from training.models.sessions import Enrollment

CERTIFICATE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CERTIFICATE_CODE_LENGTH = 16


def new_certificate_code() -> str:
    """About 80 random bits, in letters and digits nobody misreads (no 0/O, 1/I/L)."""
    raw = "".join(
        secrets.choice(CERTIFICATE_CODE_ALPHABET) for _ in range(CERTIFICATE_CODE_LENGTH)
    )
    return _group_certificate_code(raw)


def _group_certificate_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalize_certificate_code(typed: str) -> str | None:
    """The stored form of a code however a person typed it, or None if it cannot be one.

    Case, spaces, dashes and other separators do not matter. The alphabet leaves out the
    look-alikes (0/O, 1/I/L), so there is nothing to map: a code holding one is no code.
    """
    # NFKC turns full-width letters and digits (phone keyboards) into plain ones.
    characters = unicodedata.normalize("NFKC", typed).upper()
    raw = "".join(ch for ch in characters if ch.isalnum())
    if len(raw) != CERTIFICATE_CODE_LENGTH or any(
        ch not in CERTIFICATE_CODE_ALPHABET for ch in raw
    ):
        return None
    return _group_certificate_code(raw)


class Certificate(models.Model):
    """Proof that a person completed a course; anyone can verify it by its code."""

    class Revocation(models.TextChoices):
        ATTENDANCE = "attendance", "Attendance was corrected"
        ADMIN = "admin", "Revoked by an admin"

    code = models.CharField(max_length=32, unique=True, default=new_certificate_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    enrollment = models.OneToOneField(
        Enrollment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
        help_text="The attended session; empty for an on-demand course.",
    )
    recipient_name = models.CharField(max_length=150, help_text="As printed on the certificate.")
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    issued_on = models.DateField(help_text="The date the training was completed.")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "The day it expires (it is valid until then), from the course's validity when it "
            "was issued: a later change of the course's validity does not change it. Empty: it "
            "never expires."
        ),
    )
    expiry_reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When its holder was reminded to recertify."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revocation = models.CharField(
        max_length=10,
        choices=Revocation.choices,
        blank=True,
        help_text=(
            "Why it was revoked: a correction of attendance is undone when attendance is "
            "corrected back; an admin's revocation is final."
        ),
    )
    revoked_by = account_that_acted()
    # Set when the holder deleted their account: the certificate still verifies (the
    # training happened), but by "issued, holder withdrew" instead of a name.
    holder_withdrew_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(enrollment__isnull=True),
                name="one_on_demand_certificate_per_user_and_course",
                violation_error_message="This person already has a certificate for this course.",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="certificate_revocation_has_a_reason",
                violation_error_message="Give a reason for revoking a certificate.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.recipient_name}, {self.course}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired_on(self, day: date) -> bool:
        return self.expires_on is not None and self.expires_on <= day

    @property
    def is_expired(self) -> bool:
        return self.is_expired_on(timezone.localdate())

    @property
    def status(self) -> str:
        """valid, expired or revoked: what the verification page and its JSON say."""
        if self.is_revoked:
            return "revoked"
        return "expired" if self.is_expired else "valid"

    @property
    def holder_withdrew(self) -> bool:
        return self.holder_withdrew_at is not None

    @property
    def hours_display(self) -> str:
        """1.50 → "1.5", 10.00 → "10" (never the exponent normalize() alone gives)."""
        return f"{self.hours.normalize():f}"
