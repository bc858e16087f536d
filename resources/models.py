from pathlib import PurePath

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.dates import date_as
from campaign.fields import CheckedFileField, WebsiteField, account_that_acted
from campaign.languages import LANGUAGES
from campaign.models import Audience, Pillar
from campaign.search import search_indexes
from campaign.storage import generated_name
from campaign.uploads import IMAGES
from campaign.validators import refuse_reserved_slug
from partners.models import private_storage

# Paths under /materials/ that a material's slug must not take.
RESERVED_SLUGS = frozenset({"order", "orders"})


def validate_not_reserved(value: str) -> None:
    refuse_reserved_slug(value, RESERVED_SLUGS)


def resource_file_path(instance, filename: str) -> str:
    return generated_name("resources", filename)  # the extension is the checked one


def thumbnail_path(instance, filename: str) -> str:
    return generated_name("resources/thumbnails", filename)


class TranslationGroup(models.Model):
    """One material in several languages: each language's version points here."""

    name = models.CharField(
        max_length=200, help_text=_("What the material is, whatever its language.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    """An awareness material: a file kept in private storage and/or an external link."""

    class Kind(models.TextChoices):
        POSTER = "poster", _("Poster")
        BROCHURE = "brochure", _("Brochure")
        INDICATOR_CARD = "indicator_card", _("Indicator card")
        FACT_SHEET = "fact_sheet", _("Fact sheet")
        GUIDE = "guide", _("Guide")
        TOOLKIT = "toolkit", _("Toolkit")
        VIDEO = "video", _("Video")
        PSA = "psa", _("Public service announcement")
        TRAINING_MATERIAL = "training_material", _("Training material")
        SOCIAL_GRAPHIC = "social_graphic", _("Social media graphic")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        PARTNERS = "partners", _("Partner staff only")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, validators=[validate_not_reserved])
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources")
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="resources")
    language = models.CharField(max_length=2, choices=LANGUAGES, default="en")
    translation_group = models.ForeignKey(
        TranslationGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        help_text=_("The same material in other languages belongs to the same group."),
    )
    file = CheckedFileField(
        kinds=("pdf", "png", "jpg", "webp", "mp4", "docx", "pptx"),
        max_mb=50,
        max_mb_setting="RESOURCE_MAX_UPLOAD_MB",
        upload_to=resource_file_path,
        storage=private_storage,
        blank=True,
        help_text=_("PDF, PNG, JPEG, WebP, MP4, DOCX or PPTX. Served only through the portal."),
    )
    file_type = models.CharField(max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    external_url = WebsiteField(
        "external link", blank=True, help_text=_("For videos and pages hosted elsewhere.")
    )
    thumbnail = CheckedFileField(
        kinds=IMAGES,
        max_mb=5,
        upload_to=thumbnail_path,
        blank=True,
        help_text=_("Made from an uploaded image automatically; upload one for other kinds."),
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    published = models.BooleanField(default=False)
    featured = models.BooleanField(default=False, help_text=_("Shown on the home page."))
    orderable = models.BooleanField("printed copies can be ordered", default=False)
    max_per_order = models.PositiveIntegerField("most copies per order", default=100)
    publisher = models.ForeignKey(
        "partners.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_resources",
    )
    courses = models.ManyToManyField("training.Course", blank=True, related_name="materials")
    download_count = models.PositiveIntegerField(default=0, editable=False)
    # Kept current by a database trigger on PostgreSQL (title A, summary B, description C).
    search_vector = SearchVectorField(null=True, editable=False)
    # The Spanish interface's vector, kept by a second trigger (stored_vectors_sql).
    search_es = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                name="one_resource_per_language_in_a_group",
                violation_error_message="This translation group already has a version in "
                "this language.",
            ),
            models.CheckConstraint(
                condition=Q(max_per_order__gte=1),
                name="resource_max_per_order_at_least_one",
                violation_error_message="The most copies per order must be at least 1.",
            ),
        ]
        indexes = [
            models.Index(fields=["published", "visibility", "kind"]),
            models.Index(fields=["-created_at"]),
            models.Index(fields=["-download_count"]),
            # English searches use search_vector; the Spanish interface searches this one.
            *search_indexes("resource", languages=("es",)),
            # The sitemap's newest change and its count of public materials (and the
            # library's count) read this small index instead of scanning the table.
            models.Index(
                fields=["updated_at"],
                condition=models.Q(published=True, visibility="public"),
                name="resource_public_updated",
            ),
            # The home page's featured materials: a handful among 100,000.
            models.Index(
                fields=["-download_count", "title"],
                condition=models.Q(featured=True, published=True, visibility="public"),
                name="resource_featured_public",
            ),
            # The library sorted by title reads this in order instead of sorting them all.
            models.Index(
                fields=["title", "id"],
                condition=models.Q(published=True, visibility="public"),
                name="resource_public_by_title",
            ),
        ]

    # The code of the refusal of a material with neither a file nor a link.
    NEEDS_FILE_OR_LINK = "needs_file_or_link"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:resource-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not self.file and not self.external_url:
            raise ValidationError(
                "Upload a file or give an external link.", code=self.NEEDS_FILE_OR_LINK
            )
        if self.file and self.external_url:
            raise ValidationError("Give a file or an external link, not both.")

    @property
    def is_partner_only(self) -> bool:
        return self.visibility == self.Visibility.PARTNERS

    @property
    def download_filename(self) -> str:
        return f"{self.slug}.{self.file_type or PurePath(self.file.name).suffix.lstrip('.')}"


class DownloadMonth(models.Model):
    """Downloads of one material in one calendar month (UTC); no personal data."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="monthly")
    month = models.DateField(help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["month", "resource"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "month"], name="one_row_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.resource}: {self.count} in {date_as(self.month, 'month')}"


class MaterialOrder(models.Model):
    """A request for printed copies, moved submitted → approved → shipped (or rejected)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        SHIPPED = "shipped", _("Shipped")
        REJECTED = "rejected", _("Rejected")

    requester = account_that_acted(related_name="material_orders")
    contact_name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    organization_name = models.CharField("organization", max_length=200)
    organization = models.ForeignKey(
        "partners.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="material_orders",
    )
    shipping_address = models.TextField()
    display_location = models.CharField("where the materials will be displayed", max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    admin_notes = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"Order {self.pk} from {self.organization_name}"

    @property
    def contact_erased(self) -> bool:
        """Its contact details and address were erased (the retention rule, or the person
        deleted their account): nothing is left to correct or to ship to."""
        return not (self.contact_name or self.email or self.shipping_address)


class OrderItem(models.Model):
    order = models.ForeignKey(MaterialOrder, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="order_items")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["order", "resource__title"]
        constraints = [
            models.UniqueConstraint(fields=["order", "resource"], name="one_line_per_material"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="order_item_quantity_at_least_one",
                violation_error_message="Order at least one copy.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.resource}"
