"""Courses: what is taught, by whom, for which audiences, with its material."""

import calendar
import zoneinfo
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.fields import CheckedFileField, WebsiteField
from campaign.models import Audience, Pillar
from campaign.search import SearchVectors, search_indexes
from campaign.storage import generated_name
from campaign.validators import refuse_reserved_slug
from partners.models import private_storage


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def course_file_upload_path(instance, filename: str) -> str:
    return generated_name("courses", filename)


# Paths under /trainings/ that a course's slug must not take.
RESERVED_SLUGS = frozenset(
    {"mine", "calendar", "sessions", "give-back", "check-in", "teaching", "requests", "report"}
)


def validate_not_reserved(value: str) -> None:
    refuse_reserved_slug(value, RESERVED_SLUGS)


class Course(SearchVectors):
    """A training the campaign offers; sessions are its scheduled runs."""

    class Format(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        IN_PERSON = "in_person", _("In-person")
        WEB_BASED = "web_based", _("Web-based course")
        ROLL_CALL = "roll_call", _("Roll-call video")
        TRAIN_THE_TRAINER = "train_the_trainer", _("Train-the-trainer")

    ON_DEMAND_FORMATS = (Format.WEB_BASED, Format.ROLL_CALL)

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, validators=[validate_not_reserved])
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    audiences = models.ManyToManyField(Audience, blank=True, related_name="courses")
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="courses")
    provider = models.ForeignKey(
        "partners.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    duration_minutes = models.PositiveIntegerField(default=60)
    issues_certificates = models.BooleanField(default=False)
    requires_evaluation = models.BooleanField(
        default=False,
        help_text=_(
            "Sessions' certificates are released only once the attendee answers the "
            "evaluation of the session."
        ),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_(
            "How many months its certificates stay valid; empty: they never expire. Each "
            "certificate keeps the expiry date it was issued with: a change here applies to "
            "certificates issued from now on, never to those already issued."
        ),
    )
    published = models.BooleanField(default=False)
    video_url = WebsiteField(
        blank=True, help_text=_("On-demand courses: the video or web course to watch.")
    )
    content_file = CheckedFileField(
        kinds=("pdf", "mp4", "webm", "mp3"),
        max_mb=50,
        max_mb_setting="RESOURCE_MAX_UPLOAD_MB",
        upload_to=course_file_upload_path,
        storage=private_storage,
        blank=True,
        help_text=_("On-demand courses: a PDF or video, served only to signed-in people."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Percent of knowledge-check answers a person needs right to pass."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        indexes = search_indexes("course")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course-detail", kwargs={"slug": self.slug})

    @property
    def is_on_demand(self) -> bool:
        return self.format in self.ON_DEMAND_FORMATS

    def certificate_expiry(self, issued_on: date) -> date | None:
        """The day a certificate issued on `issued_on` stops being valid (the same day of the
        month, or the month's last day when it is shorter), or None when it never expires."""
        if not self.certificate_validity_months:
            return None
        month_index = issued_on.month - 1 + self.certificate_validity_months
        year, month = issued_on.year + month_index // 12, month_index % 12 + 1
        return date(year, month, min(issued_on.day, calendar.monthrange(year, month)[1]))

    @property
    def duration_hours(self) -> float:
        return round(self.duration_minutes / 60, 2)
