"""Sessions (a course at a time and place), enrollments in them, and calendar feeds."""

import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.templatetags.tz import do_timezone
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.fields import WebsiteField, account_that_acted
from campaign.languages import LANGUAGES
from training.models.courses import Course, time_zone_choices


class Session(models.Model):
    """One run of a course, stored in UTC and shown in its own time zone."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    class Eligibility(models.TextChoices):
        SIGNED_IN = "signed_in", _("Anyone with an account")
        PARTNER_STAFF = "partner_staff", _("Staff of any partner organization")
        LISTED = "listed", _("Staff of the listed organizations only")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default="America/Los_Angeles"
    )
    online = models.BooleanField(default=True)
    join_url = WebsiteField(
        blank=True, help_text=_("Shown only to people registered for the session.")
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Leave empty for unlimited seats.")
    )
    registration_opens_at = models.DateTimeField(null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty: registration stays open until the start.")
    )
    eligibility = models.CharField(
        max_length=20, choices=Eligibility.choices, default=Eligibility.SIGNED_IN
    )
    eligible_organizations = models.ManyToManyField(
        "partners.Organization",
        blank=True,
        related_name="restricted_sessions",
        help_text=_("With “listed organizations only”: these and their sub-organizations."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    language = models.CharField(max_length=2, choices=LANGUAGES, default="en")
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="sessions_trained"
    )
    minimum_enrollment = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Registered people the session needs to go ahead. Empty: it runs whatever the number."
        ),
    )
    decision_at = models.DateTimeField(
        _("decide by"),
        null=True,
        blank=True,
        help_text=_(
            "When the minimum is checked: below it then, the session is cancelled, everyone "
            "is emailed and offered the next session of the course."
        ),
    )
    cancellation_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by the enrollment services under the session lock, so pages read the seat counts
    # from the row instead of counting every enrollment; `resync_seat_counts` checks them.
    registered_seats = models.PositiveIntegerField(default=0, editable=False)
    waitlist_length = models.PositiveIntegerField(default=0, editable=False)

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
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")

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
        help_text=_("The organization the person enrolled for."),
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    enrolled_by = account_that_acted(help_text=_("Empty when the person enrolled themselves."))
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text=_("Arrival time: the waitlist is served in this order.")
    )
    registered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    evaluation_invited_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = account_that_acted(
        help_text=_("Empty when the person checked themselves in.")
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
        indexes = [
            models.Index(fields=["session", "status", "queued_at"]),
            # The admin changelist's order (newest first), read from the index, not sorted.
            models.Index(fields=["queued_at", "id"], name="enrollment_queued_order"),
            # The training report counts its staff's enrollments per course from the index
            # alone (an index-only scan), not from a row fetch per enrollment.
            models.Index(
                fields=["user"], include=["session", "status"], name="enrollment_user_outcomes"
            ),
        ]

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
