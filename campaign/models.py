from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign import withdrawal
from campaign.fields import WebsiteField, account_that_acted
from campaign.search import SearchVectors, search_indexes


class UserManager(BaseUserManager):
    """Creates users whose log-in is their email address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The email address is the log-in; there is no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField(
        "full name",
        max_length=150,
        blank=True,
        help_text=_("As it should appear on rosters and certificates."),
    )
    language = models.CharField(
        "language",
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the portal's pages and of every email sent to this person."),
    )
    # Campaign admins only: an admin may stop the notices of new work (they still see it
    # on the admin's dashboard).
    admin_notices = models.BooleanField(
        _("email me about new print orders and training requests"),
        default=True,
        help_text=_(
            "For campaign admins: an email for each new print order and training request."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    @property
    def is_withdrawn(self) -> bool:
        """The person deleted their account; the row stays, anonymous."""
        return withdrawal.is_withdrawn(self.email)

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Pillar(models.Model):
    """One of the campaign's four pillars: the TVPA's three Ps and Partnerships."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    summary = models.CharField(max_length=300)
    description = models.TextField(
        blank=True, help_text=_("What the pillar means, for its page. Markdown.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pillar-detail", kwargs={"slug": self.slug})


class Audience(models.Model):
    """Who a course or material is for (law enforcement, educators, ...); admins edit the list."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class NewsPost(SearchVectors):
    """A news item written by admins in Markdown; public once published and its date has come."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(
        max_length=300, help_text=_("One or two sentences for lists, feeds and link previews.")
    )
    body = models.TextField(
        help_text=_("Markdown: headings, lists, links, emphasis. Raw HTML is shown as text.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Set when the post is first published; a later date schedules it."),
    )
    pillar = models.ForeignKey(
        Pillar, null=True, blank=True, on_delete=models.SET_NULL, related_name="news_posts"
    )
    organizations = models.ManyToManyField(
        "partners.Organization",
        blank=True,
        related_name="news_posts",
        help_text=_("Partners the post is about."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="news_published_has_a_date",
                violation_error_message="A published post needs a publication date.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            *search_indexes("news_post"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # An admin who marks a post published without a date means "now".
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ImpactFigure(models.Model):
    """A figure from a public report (not computed by the portal), with its year and source."""

    class Qualifier(models.TextChoices):
        EXACT = "", _("Exactly")
        ABOUT = "about", _("About")
        MORE_THAN = "more than", _("More than")

    label = models.CharField(max_length=120, help_text=_("What was counted, e.g. “convictions”."))
    value = models.PositiveBigIntegerField()
    qualifier = models.CharField(
        max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT, blank=True
    )
    year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=200, help_text=_("Who reported it, e.g. “ICE”."))
    source_url = WebsiteField("source link", blank=True)
    headline = models.BooleanField(
        default=False, help_text=_("Shown among the headline figures on the home page.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-year", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["label", "year", "source"],
                name="impact_figure_unique_per_year_and_source",
                violation_error_message="This source already has this figure for that year.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_value} {self.label} ({self.source}, {self.year})"

    @property
    def display_value(self) -> str:
        number = f"{self.value:,}"
        return f"{self.qualifier} {number}" if self.qualifier else number


class PlanGoal(models.Model):
    """A goal of the action plan; its objectives hold the action items."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Goal {self.number}: {self.title}"


class PlanObjective(models.Model):
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["goal__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "number"],
                name="plan_objective_number_unique_per_goal",
                violation_error_message="This goal already has an objective with that number.",
            ),
        ]

    def __str__(self) -> str:
        return f"Objective {self.goal.number}.{self.number}: {self.title}"


class ActionItem(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    objective = models.ForeignKey(PlanObjective, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(max_length=300)
    lead_organization = models.ForeignKey(
        "partners.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    due_on = models.DateField("due date", null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["objective", "position", "pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Not done, and its due date has passed."""
        return (
            self.status != self.Status.DONE
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class FailedEmail(models.Model):
    """An email the mail server refused or never took, kept for the campaign admins to see
    and act on (the action that sent it stands). Holds who and what, not the message body."""

    kind = models.CharField(
        max_length=120, blank=True, help_text=_("The template the message was made from.")
    )
    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    error = models.TextField(help_text=_("What the mail server or the connection answered."))
    failed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = "failed email"

    def __str__(self) -> str:
        return f"{self.subject} to {self.recipient}"


class SentEmail(models.Model):
    """The idempotency key of a message the mail server took, so that a sending task run
    again (after a worker was killed) does not send it twice. Pruned after EMAIL_KEY_DAYS."""

    key = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.key


class AuditEntry(models.Model):
    """One action a person (or the system) took on one record: who, what, when and why.

    Written by services through `campaign.audit.log_action`, in the same transaction as
    the change, so a change that rolls back leaves no entry and no change goes unlogged.
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = account_that_acted(verbose_name=_("who"))
    # Kept as text so the log still says who acted after the account is gone.
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("kind of record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    target_label = models.CharField(_("record"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["target_type", "target_id", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
        ]

    def __str__(self) -> str:
        who = self.actor_label or _("the system")
        return f"{who}: {self.action} {self.target_label}".strip()


# The trust pages' models live in their own module; importing them here registers them.
from campaign.content_pages import ContactMessage, ContentPage  # noqa: E402, F401
