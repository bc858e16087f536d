"""Coordinators' requests for a training for their organization."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.fields import account_that_acted
from training.models.courses import Course
from training.models.sessions import Session


class TrainingRequest(models.Model):
    """A coordinator's request for a training arranged for their organization."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Delivery(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person, at our place")

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
        max_length=200, blank=True, help_text=_("When no course fits: what the training is about.")
    )
    audience = models.CharField(max_length=200, help_text=_("Who will attend."))
    expected_attendees = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    location = models.CharField(
        max_length=300, blank=True, help_text=_("For in-person trainings: the address.")
    )
    preferred_dates = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = account_that_acted()
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
        # The admin's dashboard counts the requests waiting for an answer.
        indexes = [
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="pending"),
                name="training_request_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course or self.topic} for {self.organization}"

    @property
    def subject(self) -> str:
        return self.course.title if self.course else self.topic
