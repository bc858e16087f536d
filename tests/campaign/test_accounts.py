"""Accounts: sign-up with email verification, log-in audit, rate limits, session lifetime."""

import logging
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.logging import UTCFormatter
from campaign.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY
from campaign.models import User
from tests.checks import assert_sign_in_locks_after_five_failures
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, **overrides):
    data = {
        "email": "new.officer@example.org",
        "name": "Rosa Diaz",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_sign_up_stores_the_name_and_sends_a_verification_link(client):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="new.officer@example.org")
    assert user.name == "Rosa Diaz"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Blue Campaign Partner Portal]")
    assert re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[0].body)
    assert "create an account on the Blue Campaign Partner Portal" in mail.outbox[0].body
    assert "testserver!" not in mail.outbox[0].body


def test_sign_up_without_a_name_shows_the_error_and_creates_nobody(client):
    response = sign_up(client, name="")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_with_an_address_in_use_in_other_case_creates_nobody(client):
    UserFactory(email="taken@example.org")
    sign_up(client, email="Taken@Example.org")
    assert User.objects.count() == 1


def test_an_unverified_address_cannot_sign_in(client):
    UserFactory(email="pending@example.org", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "pending@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_sign_in_and_failed_sign_in_are_logged_in_utc(client, caplog):
    user = UserFactory()
    caplog.set_level(logging.INFO, logger="campaign.security")
    client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
    messages = [record.getMessage() for record in caplog.records]
    assert f"login failed email={user.email} ip=127.0.0.1" in messages
    assert f"login succeeded user id={user.pk} ip=127.0.0.1" in messages


def test_log_records_are_stamped_in_utc():
    record = logging.LogRecord("campaign.security", logging.INFO, __file__, 1, "x", (), None)
    record.created = 0.25
    record.msecs = 250
    assert UTCFormatter("%(asctime)s").format(record) == "1970-01-01T00:00:00.250Z"


def test_repeated_failed_sign_ins_are_rate_limited(client):
    assert_sign_in_locks_after_five_failures(client)


def _renewed_seconds_ago(client, seconds: float) -> None:
    session = client.session
    session[SESSION_RENEWED_KEY] = timezone.now().timestamp() - seconds
    session.save()


def test_the_session_cookie_expires_after_the_idle_timeout(client, settings):
    user = UserFactory()
    client.force_login(user)
    _renewed_seconds_ago(client, settings.SESSION_RENEW_SECONDS + 1)
    response = client.get(reverse("home"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 30 * 60


def test_a_request_soon_after_the_last_renewal_writes_no_session(client, settings):
    """The idle timeout is renewed at most once a SESSION_RENEW_SECONDS: most signed-in
    requests (an enrollment rush) then write nothing to the session table."""
    client.force_login(UserFactory())
    _renewed_seconds_ago(client, 5)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("account_email"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [sql for sql in writes if "django_session" in sql]


def test_a_session_ends_after_its_absolute_lifetime(client, settings):
    user = UserFactory()
    client.force_login(user)
    session = client.session
    lifetime = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
    session[SESSION_STARTED_KEY] = timezone.now().timestamp() - lifetime - 1
    session.save()
    response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_fresh_session_is_kept(client):
    client.force_login(UserFactory())
    assert client.get(reverse("account_email")).status_code == 200


def test_user_manager_lowercases_email_and_requires_one():
    user = User.objects.create_user("Mixed.Case@Example.ORG", "pw-long-enough-1")
    assert user.email == "mixed.case@example.org"
    assert user.check_password("pw-long-enough-1")
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", "x")


def test_create_superuser_is_staff_and_superuser():
    admin = User.objects.create_superuser("root@example.org", "pw-long-enough-1")
    assert admin.is_staff and admin.is_superuser
    assert str(admin) == "root@example.org"
