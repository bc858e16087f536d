"""Certificates issued the real way, shared by the certificate tests."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
from training import services
from training.models import Certificate, Enrollment


def certificate_for(
    name="Robin Diaz",
    title="Recognizing Trafficking at Work",
    *,
    validity_months: int | None = None,
    user=None,
    **course,
) -> Certificate:
    """A certificate issued the real way: a seat, then attendance marked (the course's
    certificates valid for `validity_months`, if given)."""
    start = timezone.now() - timedelta(hours=2)
    session = SessionFactory(
        course__title=title,
        course__issues_certificates=True,
        course__duration_minutes=60,
        course__certificate_validity_months=validity_months,
        **{f"course__{field}": value for field, value in course.items()},
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    enrollment = Enrollment.objects.create(
        user=user or UserFactory(name=name), session=session, status="registered"
    )
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    return Certificate.objects.get(enrollment=enrollment)
