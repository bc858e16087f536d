"""The pages that earn a visitor's trust (about, privacy, accessibility, contact), whose texts
admins edit, and the messages people send through the contact form."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.fields import account_that_acted
from campaign.search import SearchVectors, search_indexes


class ContentPage(SearchVectors):
    """One of the site's fixed pages; its title and Markdown body are edited in the admin."""

    class Slug(models.TextChoices):
        ABOUT = "about", _("About")
        PRIVACY = "privacy", _("Privacy")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        CONTACT = "contact", _("Contact")

    slug = models.SlugField(max_length=20, choices=Slug.choices, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(
        max_length=300, help_text=_("One or two sentences for search results and link previews.")
    )
    body = models.TextField(
        help_text=_("Markdown: headings, lists, links, emphasis. Raw HTML is shown as text.")
    )
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("Shown on the page as the date its content was last checked."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        indexes = search_indexes("content_page")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(self.slug)


class ContactMessage(models.Model):
    """A message sent through the contact form; campaign admins read and answer it."""

    class Topic(models.TextChoices):
        GENERAL = "general", _("A general question")
        PARTNERSHIP = "partnership", _("Becoming or being a partner")
        TRAINING = "training", _("Trainings")
        MATERIALS = "materials", _("Materials and printed copies")
        ACCESSIBILITY = "accessibility", _("An accessibility problem")
        PRIVACY = "privacy", _("My data: a copy, a correction or its deletion")

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    sender = account_that_acted(
        related_name="contact_messages",
        help_text=_("The account that sent it, when the sender was signed in."),
    )
    received_at = models.DateTimeField(auto_now_add=True)
    answered = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["answered", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.name}"
