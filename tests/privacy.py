"""A person with a record of every kind that names them, for the tests of their data's
download and of deleting their account."""

from datetime import date, timedelta
from types import SimpleNamespace

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from campaign import services as campaign_services
from campaign.models import Audience, FailedEmail
from partners import services as partner_services
from partners.models import Invitation
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    make_api_token,
    place_material_order,
    submit_partner_application,
)
from training import services as training_services
from training.models import Certificate, Enrollment, KnowledgeCheckAttempt, TrainingRequest
from training.services.certificates import issue_certificate

NAME = "Rosa Quintero"
EMAIL = "rosa.quintero@example.org"


def completed_session(*, course=None, days_ago: int = 20):
    starts = timezone.now() - timedelta(days=days_ago)
    session = SessionFactory(
        starts_at=starts, ends_at=starts + timedelta(hours=1), status="completed"
    )
    if course is not None:
        session.course = course
        session.save()
    audience = Audience.objects.first() or Audience.objects.create(
        name="Law enforcement", slug="law-enforcement"
    )
    session.course.audiences.add(audience)
    return session


def person_with_everything() -> SimpleNamespace:
    """Rosa: a coordinator of a police department (beside another coordinator), trained
    (attended, certified) with others, with a seat in a full session someone waits for,
    a trainer, an order, a message, an application, an invitation, a knowledge check, a
    training request, an evaluation, an API token, two-factor authentication and a calendar
    link."""
    rosa = UserFactory(name=NAME, email=EMAIL, language="es")
    totp_secret = generate_totp_secret()
    TOTP.activate(rosa, totp_secret)
    police = OrganizationFactory(name="Springfield Police", kind="state_local")
    MembershipFactory(user=rosa, organization=police, role="coordinator")
    MembershipFactory(organization=police, role="coordinator")
    shelter = OrganizationFactory(name="Harbor Shelter", kind="ngo")
    Invitation.objects.create(
        organization=shelter,
        email=EMAIL,
        role="staff",
        expires_at=timezone.now() + timedelta(days=14),
    )
    submit_partner_application("Rosa's Clinic", applicant=rosa, phone="555-0100")

    past = completed_session()
    attended = Enrollment.objects.create(
        user=rosa, session=past, organization=police, status="attended"
    )
    for _number in range(6):
        other = Enrollment.objects.create(
            user=UserFactory(), session=past, organization=police, status="attended"
        )
        # Enough certificates that the impact page shows their count (not "fewer than 5").
        issue_certificate(
            user=other.user, course=past.course, enrollment=other, completed_on=date.today()
        )
    certificate = issue_certificate(
        user=rosa, course=past.course, enrollment=attended, completed_on=date.today()
    )

    full = SessionFactory(capacity=1)
    seat = training_services.enroll(user=rosa, session=full)
    waiting = UserFactory(name="Sam Waiting")
    training_services.enroll(user=waiting, session=full)
    taught = SessionFactory()
    taught.trainers.add(rosa)

    KnowledgeCheckAttempt.objects.create(
        user=rosa, course=past.course, score=80, passed=True, answers={"1": 2}
    )
    TrainingRequest.objects.create(
        organization=police,
        requested_by=rosa,
        topic="Indicators for patrol officers",
        audience="Patrol",
        expected_attendees=30,
        delivery="online",
        preferred_dates="March",
    )
    order = place_material_order(
        requester=rosa,
        items=[(ResourceFactory(orderable=True), 5)],
        contact_name=NAME,
        shipping_address="12 Hidden Lane\nSpringfield",
    )
    campaign_services.receive_contact_message(
        sender=rosa,
        name=NAME,
        email=EMAIL,
        topic="privacy",
        message="Please call me at home.",
        language="es",
    )
    FailedEmail.objects.create(
        kind="training/email/reminder", recipient=EMAIL, subject="Reminder", error="Mailbox full"
    )
    feed = training_services.calendar_feed_of(user=rosa)
    training_services.submit_evaluation(
        enrollment=attended,
        submitted_by=rosa,
        ratings=dict.fromkeys(["relevant", "recognize", "report", "trainer_clear", "overall"], 5),
        most_useful="The hotline numbers.",
    )
    make_api_token(police, created_by=rosa)
    partner_services.set_webhook(
        organization=police, url="http://127.0.0.1:9/events", active=False, changed_by=rosa
    )
    return SimpleNamespace(
        user=rosa,
        totp_secret=totp_secret,
        police=police,
        past=past,
        attended=attended,
        certificate=certificate,
        full=full,
        seat=seat,
        waiting=waiting,
        taught=taught,
        order=order,
        feed=feed,
        certificates=Certificate.objects.filter(user=rosa),
    )
