import secrets
import unicodedata
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.templatetags.tz import do_timezone
from django.urls import reverse
from django.utils import timezone

from campaign.fields import CheckedFileField, WebsiteField
from campaign.languages import LANGUAGES
from campaign.models import Audience, Pillar
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


class Course(models.Model):
    """A training the campaign offers; sessions are its scheduled runs."""

    class Format(models.TextChoices):
        WEBINAR = "webinar", "Webinar"
        IN_PERSON = "in_person", "In-person"
        WEB_BASED = "web_based", "Web-based course"
        ROLL_CALL = "roll_call", "Roll-call video"
        TRAIN_THE_TRAINER = "train_the_trainer", "Train-the-trainer"

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
    published = models.BooleanField(default=False)
    video_url = WebsiteField(
        blank=True, help_text="On-demand courses: the video or web course to watch."
    )
    content_file = CheckedFileField(
        kinds=("pdf", "mp4", "webm", "mp3"),
        max_mb=50,
        max_mb_setting="RESOURCE_MAX_UPLOAD_MB",
        upload_to=course_file_upload_path,
        storage=private_storage,
        blank=True,
        help_text="On-demand courses: a PDF or video, served only to signed-in people.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percent of knowledge-check answers a person needs right to pass.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course-detail", kwargs={"slug": self.slug})

    @property
    def is_on_demand(self) -> bool:
        return self.format in self.ON_DEMAND_FORMATS

    @property
    def duration_hours(self) -> float:
        return round(self.duration_minutes / 60, 2)


class Session(models.Model):
    """One run of a course, stored in UTC and shown in its own time zone."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"

    class Eligibility(models.TextChoices):
        SIGNED_IN = "signed_in", "Anyone with an account"
        PARTNER_STAFF = "partner_staff", "Staff of any partner organization"
        LISTED = "listed", "Staff of the listed organizations only"

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default="America/Los_Angeles"
    )
    online = models.BooleanField(default=True)
    join_url = WebsiteField(
        blank=True, help_text="Shown only to people registered for the session."
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for unlimited seats."
    )
    registration_opens_at = models.DateTimeField(null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: registration stays open until the start."
    )
    eligibility = models.CharField(
        max_length=20, choices=Eligibility.choices, default=Eligibility.SIGNED_IN
    )
    eligible_organizations = models.ManyToManyField(
        "partners.Organization",
        blank=True,
        related_name="restricted_sessions",
        help_text="With “listed organizations only”: these and their sub-organizations.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    language = models.CharField(max_length=2, choices=LANGUAGES, default="en")
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="sessions_trained"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message="A session must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="session_capacity_at_least_one",
                violation_error_message="Capacity must be at least 1, or empty for unlimited.",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.local_start:%b %-d, %Y %-I:%M %p %Z}"

    def get_absolute_url(self) -> str:
        return reverse("training:session-detail", kwargs={"pk": self.pk})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    # Marked so that templates show them in the session's zone, not the site's.
    @property
    def local_start(self):
        return do_timezone(self.starts_at, self.zone)

    @property
    def local_end(self):
        return do_timezone(self.ends_at, self.zone)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def seats_left(self) -> int | None:
        """Open seats (None when unlimited); needs the `registered` count of with_seat_counts."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered, 0)

    @property
    def location(self) -> str:
        if self.online:
            return "Online"
        return ", ".join(part for part in [self.venue_name, self.venue_address] if part)


class Enrollment(models.Model):
    """A person's place in a session: a seat, a place on the waitlist, or what happened."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        WAITLISTED = "waitlisted", "Waitlisted"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "No-show"

    LIVE_STATUSES = (Status.REGISTERED, Status.WAITLISTED, Status.ATTENDED, Status.NO_SHOW)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrollments")
    organization = models.ForeignKey(
        "partners.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
        help_text="The organization the person enrolled for.",
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the person enrolled themselves.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text="Arrival time: the waitlist is served in this order."
    )
    registered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the person checked themselves in.",
    )

    class Meta:
        ordering = ["session", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=~Q(status="cancelled"),
                name="one_live_enrollment_per_user_and_session",
                violation_error_message="This person is already enrolled in this session.",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.session} ({self.status})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The private token of a person's calendar feed; resetting it kills old links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class Question(models.Model):
    """One knowledge-check question of an on-demand course, with its choices."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=500)
    choices = models.TextField(help_text="One choice per line, in the order shown.")
    correct_choice = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)],
        help_text="The number of the right choice: 1 for the first line.",
    )
    explanation = models.CharField(
        max_length=500, blank=True, help_text="Shown after a wrong answer."
    )

    class Meta:
        ordering = ["course", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        count = len(self.choice_list)
        if count < 2:
            raise ValidationError({"choices": "Give at least two choices, one per line."})
        if self.correct_choice and self.correct_choice > count:
            raise ValidationError(
                {"correct_choice": f"There are only {count} choices: give a number from 1."}
            )


class KnowledgeCheckAttempt(models.Model):
    """One try at an on-demand course's knowledge check; a passed one is its completion."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_checks"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attempts")
    score = models.PositiveSmallIntegerField(help_text="Percent of answers right.")
    passed = models.BooleanField()
    answers = models.JSONField(default=dict, help_text="Question id → chosen choice number.")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["user", "course", "passed"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.course}: {self.score}%"


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
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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

    @property
    def hours_display(self) -> str:
        """1.50 → "1.5", 10.00 → "10" (never the exponent normalize() alone gives)."""
        return f"{self.hours.normalize():f}"


class TrainingRequest(models.Model):
    """A coordinator's request for a training arranged for their organization."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    class Delivery(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person, at our place"

    organization = models.ForeignKey(
        "partners.Organization", on_delete=models.CASCADE, related_name="training_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_requests"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    topic = models.CharField(
        max_length=200, blank=True, help_text="When no course fits: what the training is about."
    )
    audience = models.CharField(max_length=200, help_text="Who will attend.")
    expected_attendees = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    location = models.CharField(
        max_length=300, blank=True, help_text="For in-person trainings: the address."
    )
    preferred_dates = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(blank=True)
    session = models.OneToOneField(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(course__isnull=True, topic=""),
                name="training_request_names_a_course_or_topic",
                violation_error_message="Choose a course or describe a topic.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course or self.topic} for {self.organization}"

    @property
    def subject(self) -> str:
        return self.course.title if self.course else self.topic
