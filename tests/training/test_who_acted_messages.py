"""Training emails say who acted: the coordinator who enrolled someone, and the reason an
admin revoked a certificate."""

import pytest
from django.core import mail

from tests.factories import CourseFactory, SessionFactory, UserFactory
from tests.training.sessions import end, live_session, seated
from training import services
from training.models import Certificate

pytestmark = pytest.mark.django_db


def test_the_seat_and_waitlist_emails_say_which_coordinator_enrolled_the_person(mails):
    coordinator = UserFactory(name="Casey Coordinator")
    session = SessionFactory(capacity=1)
    seated_person, waiting_person, own = UserFactory(), UserFactory(), UserFactory()
    mails(services.enroll, user=seated_person, session=session, enrolled_by=coordinator)
    mails(services.enroll, user=waiting_person, session=session, enrolled_by=coordinator)
    mails(services.enroll, user=own, session=SessionFactory())
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Casey Coordinator enrolled you in this training." in bodies[seated_person.email]
    assert "Casey Coordinator enrolled you in this training." in bodies[waiting_person.email]
    assert "enrolled you" not in bodies[own.email]


def test_the_holder_is_emailed_the_reason_when_an_admin_revokes_a_certificate(
    mails, trainer, campaign_admin
):
    session = live_session(course=CourseFactory(title="Harbor Safety", issues_certificates=True))
    enrollment = seated(session)
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    end(session)
    services.issue_due_certificates()
    certificate = Certificate.objects.get(enrollment=enrollment)
    mail.outbox.clear()
    mails(
        services.revoke_certificate,
        certificate=certificate,
        revoked_by=campaign_admin,
        reason="Attendance sheet was forged.",
    )
    (message,) = mail.outbox
    assert message.to == [enrollment.user.email]
    assert certificate.code in message.subject and "revoked" in message.subject
    assert "Reason: Attendance sheet was forged." in message.body
    assert "Harbor Safety" in message.body
