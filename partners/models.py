import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaign.fields import CheckedFileField, WebsiteField, account_that_acted
from campaign.search import SearchVectors, search_indexes
from campaign.storage import generated_name
from campaign.uploads import IMAGES
from campaign.validators import refuse_reserved_slug
from partners.states import US_STATES

# Paths under /partners/ that an organization's slug must not take.
RESERVED_SLUGS = frozenset({"apply", "mine", "invitations"})


def validate_not_reserved(value: str) -> None:
    refuse_reserved_slug(value, RESERVED_SLUGS)


def logo_upload_path(instance, filename: str) -> str:
    return generated_name("partners/logos", filename)


def agreement_upload_path(instance, filename: str) -> str:
    return generated_name("agreements", filename)


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Organization(SearchVectors):
    """A partner organization, possibly part of a larger one (a city's department)."""

    class Kind(models.TextChoices):
        FEDERAL = "federal", _("Federal agency")
        STATE_LOCAL = "state_local", _("State or local government")
        TRIBAL = "tribal", _("Tribal government")
        ASSOCIATION = "association", _("Professional association")
        NGO = "ngo", _("Non-governmental organization")
        EDUCATION = "education", _("Education")
        PRIVATE = "private", _("Private sector")
        INTERNATIONAL = "international", _("International")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, validators=[validate_not_reserved])
    acronym = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The larger organization this one belongs to, if any."),
    )
    state = models.CharField(
        max_length=2, blank=True, choices=US_STATES, help_text=_("For organizations in the U.S.")
    )
    country = models.CharField(max_length=2, default="US", help_text=_("ISO 3166 code, e.g. US."))
    website = WebsiteField(blank=True)
    description = models.TextField(blank=True)
    logo = CheckedFileField(kinds=IMAGES, max_mb=2, upload_to=logo_upload_path, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    listed = models.BooleanField(
        "listed publicly", default=True, help_text=_("Shown in the public partner directory.")
    )
    partner_since = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="organization_not_its_own_parent",
                violation_error_message="An organization cannot be its own parent.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "listed", "name"]),
            *search_indexes("organization"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organization-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ACTIVE and self.listed

    @property
    def country_name(self) -> str:
        """The country's name in the reader's language (Canada, not CA, which reads as
        California beside U.S. states); the code itself when it is not a known one."""
        return countries.name(self.country) or self.country


class Agreement(models.Model):
    """A signed agreement with a partner. Its document is never public."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("Partnership agreement")
        MOU = "mou", _("Memorandum of understanding")
        LETTER_OF_INTENT = "loi", _("Letter of intent")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="agreements"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    signed_on = models.DateField(null=True, blank=True, help_text=_("Leave empty if unknown."))
    signatories = models.TextField(blank=True, help_text=_("One per line."))
    summary = models.TextField(blank=True)
    document = CheckedFileField(
        kinds=("pdf", "docx"),
        max_mb=10,
        upload_to=agreement_upload_path,
        storage=private_storage,
        blank=True,
    )

    class Meta:
        ordering = ["-signed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.organization.name}"


class Membership(models.Model):
    """A person's place in an organization. A join request is a pending membership."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Staff")
        COORDINATOR = "coordinator", _("Coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    LIVE_STATUSES = (Status.PENDING, Status.ACTIVE)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.STAFF)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(
        blank=True, help_text=_("What the person wrote when asking to join.")
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    decided_by = account_that_acted()

    class Meta:
        ordering = ["organization", "user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=Q(status__in=["pending", "active"]),
                name="one_live_membership_per_user_and_organization",
                violation_error_message="This person is already a member or has asked to join.",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status", "role"]),
            # The admin's dashboard counts join requests by how long they have waited.
            models.Index(
                fields=["requested_at"], condition=Q(status="pending"), name="membership_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.organization} ({self.role}, {self.status})"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An emailed invitation to join an organization; the token is the proof."""

    VALID_FOR = timedelta(days=14)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=12, choices=Membership.Role.choices)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = account_that_acted(blank=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = account_that_acted()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organization",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email_and_organization",
                violation_error_message="This address already has an open invitation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("partners:invitation", kwargs={"token": self.token})

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class PartnerApplication(models.Model):
    """A signed-in person's application for their organization to become a partner."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_applications"
    )
    organization_name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, choices=Organization.Kind.choices)
    parent = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("If your organization is part of a partner already listed here."),
    )
    state = models.CharField(max_length=2, blank=True, choices=US_STATES)
    country = models.CharField(max_length=2, default="US")
    website = WebsiteField(blank=True)
    description = models.TextField(help_text=_("What your organization does."))
    applicant_title = models.CharField("your job title", max_length=120)
    phone = models.CharField("your phone number", max_length=40, blank=True)
    reason = models.TextField(
        "how you would take part",
        help_text=_("Who you would train, where you would use materials."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = account_that_acted()
    rejection_reason = models.TextField(blank=True)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("Created when the application is approved."),
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                "applicant",
                Lower("organization_name"),
                condition=Q(status="submitted"),
                name="one_open_application_per_applicant_and_name",
                violation_error_message=(
                    "You already have an application for this organization waiting for review."
                ),
            ),
        ]
        # The admin's dashboard counts the applications waiting for a decision.
        indexes = [
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="submitted"),
                name="application_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_name} ({self.get_status_display()})"


# The API tokens have a module of their own; importing them here registers them with the app.
from partners.api_tokens import ApiToken, TokenUse  # noqa: E402, F401
from partners.webhooks import Webhook, WebhookDelivery  # noqa: E402, F401
