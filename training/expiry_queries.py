"""Certificates that lapse: those a coordinator should see renewed, and the renewal that
makes a reminder needless."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from campaign.lookups import AnyOf
from training.models import Certificate


def renewed_later() -> QuerySet[Certificate]:
    """For a certificate (the outer query's row): a standing certificate of the same person
    and course issued later; who holds one has recertified."""
    return Certificate.objects.filter(
        user_id=OuterRef("user_id"),
        course_id=OuterRef("course_id"),
        revoked_at__isnull=True,
        issued_on__gt=OuterRef("issued_on"),
    )


@dataclass
class ExpiryCounts:
    expiring: int
    expired: int


def lapsing_certificates(
    people: QuerySet | list[int], *, today: date, within_days: int
) -> QuerySet[Certificate]:
    """These people's (user ids, or a query of them) standing certificates that have expired
    or expire within `within_days`, unless renewed by a later one; those that expire first
    come first. One query for a page (with the person and course)."""
    of_people = (
        Q(user_id__in=people) if isinstance(people, QuerySet) else AnyOf(F("user_id"), people)
    )
    return (
        Certificate.objects.filter(
            of_people,
            revoked_at__isnull=True,
            expires_on__lte=today + timedelta(days=within_days),
        )
        .exclude(Exists(renewed_later()))
        .select_related("user", "course")
        .order_by("expires_on", "pk")
    )


def expiry_counts(certificates: QuerySet[Certificate], *, today: date) -> ExpiryCounts:
    """How many of `lapsing_certificates` expire soon and how many have expired: one query."""
    counts = certificates.order_by().aggregate(
        expiring=Count("pk", filter=Q(expires_on__gt=today)),
        expired=Count("pk", filter=Q(expires_on__lte=today)),
    )
    return ExpiryCounts(**counts)
