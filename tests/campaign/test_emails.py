"""Email that cannot be sent is recorded for the campaign admins; the action that sent it
stands and its page answers normally."""

import logging

import pytest
from django.urls import reverse

from campaign.models import FailedEmail
from tests.factories import SessionFactory, UserFactory
from training.models import Enrollment

MAIL_SERVER_DOWN = "tests.mail_backends.FailingEmailBackend"


@pytest.mark.django_db(transaction=True)
def test_an_enrollment_stands_and_its_failed_confirmation_is_recorded(client, settings, caplog):
    """With the mail server down the person is still registered and sees the session page;
    the confirmation is recorded as failed (who, what, why) and logged without the address."""
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    person = UserFactory()
    session = SessionFactory()
    client.force_login(person)
    with caplog.at_level(logging.INFO):
        response = client.post(reverse("training:session-enroll", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert Enrollment.objects.get(user=person, session=session).status == "registered"
    failure = FailedEmail.objects.get()
    assert failure.recipient == person.email
    assert failure.kind == "training/email/registered"
    assert "You are registered" in failure.subject
    assert "SMTPException" in failure.error and "421" in failure.error
    failed_logs = [r for r in caplog.records if r.name == "campaign.tasks"]
    assert failed_logs and failed_logs[0].levelno == logging.ERROR
    assert person.email not in caplog.text


@pytest.mark.django_db
def test_account_email_that_fails_is_recorded_too(client, settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    person = UserFactory()
    client.post(reverse("account_reset_password"), {"email": person.email})
    failure = FailedEmail.objects.get()
    assert failure.recipient == person.email
    assert failure.kind == "account/email/password_reset_key"


@pytest.mark.django_db
def test_sent_email_records_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        from training import services

        services.enroll(user=UserFactory(), session=SessionFactory())
    assert not FailedEmail.objects.exists()


@pytest.mark.django_db
def test_admins_see_failed_email_in_a_read_only_list(client, campaign_admin):
    FailedEmail.objects.create(
        kind="training/email/registered",
        recipient="pat@example.org",
        subject="You are registered",
        error="SMTPException: 421 Service not available",
    )
    FailedEmail.objects.create(
        kind="partners/email/invitation",
        recipient="lee@example.org",
        subject="Invitation",
        error="SMTPRecipientsRefused",
    )
    client.force_login(campaign_admin)
    url = reverse("admin:campaign_failedemail_changelist")
    page = client.get(url).content.decode()
    assert "pat@example.org" in page and "lee@example.org" in page
    found = client.get(url, {"q": "pat@"}).content.decode()
    assert "pat@example.org" in found and "lee@example.org" not in found
    filtered = client.get(url, {"kind": "partners/email/invitation"}).content.decode()
    assert "lee@example.org" in filtered and "pat@example.org" not in filtered
    assert client.get(reverse("admin:campaign_failedemail_add")).status_code == 403
    failure = FailedEmail.objects.get(recipient="pat@example.org")
    change = client.get(reverse("admin:campaign_failedemail_change", args=[failure.pk]))
    assert change.status_code == 200
    assert b'name="recipient"' not in change.content  # shown, not editable
