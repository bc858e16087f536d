"""The organization-wide part of the training report: the totals per course over every
member of the organization and its sub-organizations, kept in the cache.

Counting them reads every member's enrollments (about 100,000 rows for a partner of 5,000
people), far more than the rest of the page, so the report's pages (25 people each) and
its reloads share one count per organization, date range and language. Every write the
totals count (an enrollment, a knowledge check, a membership, a session, a course)
retires all kept totals once it commits; kept totals also go after TOTALS_KEPT_SECONDS,
for what changes with time alone (a session that has ended is no longer upcoming).
"""

import hashlib
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from campaign.cache_versions import bump_version, current_version, shared_cache_reachable
from partners.models import Membership
from training.models import Course, Enrollment, KnowledgeCheckAttempt, Session
from training.report_queries import CourseTotals, course_totals

TOTALS_VERSION_KEY = "training-report-totals:version"
TOTALS_KEPT_SECONDS = 300
# The rows the totals count; a save or delete of one retires every kept total.
COUNTED_MODELS = (Enrollment, KnowledgeCheckAttempt, Membership, Session, Course)


def organization_course_totals(
    organization_ids: set[int],
    members: QuerySet[Membership],
    *,
    start: date | None,
    end: date | None,
) -> list[CourseTotals]:
    """`course_totals` of the people of `members` (the report's members of
    `organization_ids`), counted once and then read from the cache until a write retires
    them."""
    if not shared_cache_reachable():
        return _count(members, start=start, end=end)
    version = current_version(TOTALS_VERSION_KEY)
    asked = f"{sorted(organization_ids)}:{start}:{end}:{get_language()}"
    digest = hashlib.sha256(asked.encode()).hexdigest()
    key = f"training-report-totals:{version}:{digest}"
    totals = cache.get(key)
    if totals is None:
        totals = _count(members, start=start, end=end)
        cache.set(key, totals, TOTALS_KEPT_SECONDS)
    return totals


def _count(members: QuerySet[Membership], *, start, end) -> list[CourseTotals]:
    everyone = list(members.order_by().values_list("user_id", flat=True).distinct())
    return course_totals(everyone, start=start, end=end)


def retire_totals() -> None:
    # After the commit: totals counted before it from the rows as they were are retired
    # then, and an enrollment does not call the cache while it holds the session lock.
    transaction.on_commit(lambda: bump_version(TOTALS_VERSION_KEY))


@receiver(post_save)
@receiver(post_delete)
def counted_row_changed(sender, **kwargs) -> None:
    if sender in COUNTED_MODELS:
        retire_totals()
