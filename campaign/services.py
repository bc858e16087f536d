"""Writes on campaign records that change several rows or a state, each in one transaction."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from campaign.access import AnyUser
from campaign.audit import log_action
from campaign.emails import (
    tell_campaign_admins,
)
from campaign.models import AuditEntry, ContactMessage, FailedEmail, NewsPost


def locked(posts: QuerySet[NewsPost]) -> QuerySet[NewsPost]:
    """The posts' own rows, locked in a fixed order; joins the caller added (the admin's
    select_related) are dropped, since PostgreSQL cannot lock their nullable side."""
    return NewsPost.objects.filter(pk__in=posts.values("pk")).select_for_update().order_by("pk")


@transaction.atomic
def publish_news(*, posts: QuerySet[NewsPost], published_by: AnyUser) -> list[NewsPost]:
    """Publishes the given drafts and returns those this call published.

    Locks the posts' rows, so that when two admins publish at once each post is published by
    exactly one of them. A post keeps the date it already has (an admin may have scheduled
    it); a post without one gets the current time. Published posts are left as they are.
    """
    now = timezone.now()
    published = []
    for post in locked(posts):
        if post.status == NewsPost.Status.PUBLISHED:
            continue
        post.status = NewsPost.Status.PUBLISHED
        post.published_at = post.published_at or now
        post.full_clean()
        post.save(update_fields=["status", "published_at", "updated_at"])
        log_action(actor=published_by, action="campaign.news.publish", target=post)
        published.append(post)
    return published


@transaction.atomic
def unpublish_news(*, posts: QuerySet[NewsPost], unpublished_by: AnyUser) -> list[NewsPost]:
    """Takes published posts back to draft (keeping their date) and returns those it changed."""
    unpublished = []
    for post in locked(posts):
        if post.status == NewsPost.Status.DRAFT:
            continue
        post.status = NewsPost.Status.DRAFT
        post.save(update_fields=["status", "updated_at"])
        log_action(actor=unpublished_by, action="campaign.news.unpublish", target=post)
        unpublished.append(post)
    return unpublished


def receive_contact_message(
    *, sender: AnyUser, name: str, email: str, topic: str, message: str, language: str
) -> ContactMessage:
    """Stores a message sent through the contact form and, once it is committed, emails it to
    every campaign admin (each in their own language). Refuses, with a ValidationError and
    nothing stored, a message whose fields do not pass the model's checks."""
    with transaction.atomic():
        contact = ContactMessage(
            name=name,
            email=email,
            topic=topic,
            message=message,
            language=language,
            sender=sender if sender.is_authenticated else None,
        )
        contact.full_clean()
        contact.save()
        log_action(actor=sender, action="campaign.contact_message.receive", target=contact)
        tell_campaign_admins(
            "campaign/email/contact_message", about=contact, context={"contact": contact}
        )
    return contact


@transaction.atomic
def trim_personal_logs() -> dict[str, int]:
    """Data retention: LOG_RETENTION_DAYS after they were written, deletes contact messages,
    failed-email records and the admin's own log entries, and blanks the names, labels and
    reasons of audit entries (what was done, to which record and by which account stays).
    Idempotent; returns the counts, which its log entry records, naming no one."""
    before = timezone.now() - timedelta(days=settings.LOG_RETENTION_DAYS)
    old_entries = AuditEntry.objects.filter(created_at__lt=before)
    counts = {
        "contact_messages": ContactMessage.objects.filter(received_at__lt=before).delete()[0],
        "failed_emails": FailedEmail.objects.filter(failed_at__lt=before).delete()[0],
        "admin_log_entries": LogEntry.objects.filter(action_time__lt=before).delete()[0],
        "audit_entries": old_entries.exclude(actor_label="", target_label="", reason="").update(
            actor_label="", target_label="", reason=""
        ),
    }
    if any(counts.values()):
        log_action(actor=None, action="campaign.logs.trim", data=counts)
    return counts
