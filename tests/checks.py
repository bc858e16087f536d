"""Checks that several test modules make the same way."""

from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory


def assert_sign_in_locks_after_five_failures(client) -> None:
    """Five wrong passwords, then the right one is refused and nobody is signed in."""
    user = UserFactory()
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
