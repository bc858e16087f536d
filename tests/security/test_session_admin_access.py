"""The admin's session page and its steps, asked by every kind of person: only campaign
admins (staff with MFA and the right to change sessions) get in; anonymous visitors are
sent to sign in, people without staff status are refused, staff without MFA are sent to
turn it on, staff without the permission get a 404; nothing anyone sends is a 500."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import SessionFactory, UserFactory
from training import services

pytestmark = pytest.mark.django_db

# What each gets at the end of the redirects: the sign-in page, a refusal, the page to
# turn MFA on, not found, the page.
ROLES = {
    "anonymous": (200, "account_login"),
    "outsider": (403, None),
    "trainer": (403, None),
    "staff_without_mfa": (200, "mfa_index"),
    "staff_without_permission": (404, None),
    "campaign_admin": (200, None),
}


@pytest.fixture
def setting(campaign_admin):
    session = SessionFactory(capacity=1)
    trainer = UserFactory()
    session.trainers.add(trainer)
    services.enroll(user=UserFactory(), session=session)
    waiting = services.enroll(user=UserFactory(), session=session)
    bare_staff = UserFactory(is_staff=True)
    TOTP.activate(bare_staff, generate_totp_secret())
    return {
        "session": session,
        "waiting": waiting,
        "people": {
            "anonymous": None,
            "outsider": UserFactory(),
            "trainer": trainer,
            "staff_without_mfa": UserFactory(is_staff=True, is_superuser=True),
            "staff_without_permission": bare_staff,
            "campaign_admin": campaign_admin,
        },
    }


def pages(session, waiting):
    return [
        reverse("admin:training_session_run", args=[session.pk]),
        reverse("admin:training_session_person", args=[session.pk, waiting.pk]),
        reverse("admin:training_session_cancel", args=[session.pk]),
        reverse("admin:training_session_duplicate", args=[session.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_session_pages_answer_by_role(client, setting, role):
    user = setting["people"][role]
    if user is not None:
        client.force_login(user)
    status, redirected_to = ROLES[role]
    for url in pages(setting["session"], setting["waiting"]):
        response = client.get(url, follow=True)
        assert response.status_code == status, url
        if redirected_to:
            assert response.redirect_chain[-1][0].startswith(reverse(redirected_to)), url


@pytest.mark.parametrize("role", ROLES)
def test_writes_by_anyone_but_an_admin_change_nothing(client, setting, role):
    user = setting["people"][role]
    if user is not None:
        client.force_login(user)
    session, waiting = setting["session"], setting["waiting"]
    for url in pages(session, waiting):
        for data in [
            {"step": "promote", "promote-reason": "x"},
            {"step": "email", "subject": "s", "message": "m"},
            {"step": "reorder", "position": "x"},
            {"step": "attendance", "everyone": "attended"},
            {"step": "move", "to_session": "not a number"},
            {"reason": "r", "confirm": "1"} if role != "campaign_admin" else {"reason": ""},
            {"starts_at": "garbage"},
        ]:
            assert client.post(url, data).status_code < 500, (url, data)
    waiting.refresh_from_db()
    session.refresh_from_db()
    if role != "campaign_admin":
        assert (waiting.status, session.status) == ("waitlisted", "scheduled")


def test_a_person_of_another_session_is_not_found_here(client, setting, campaign_admin):
    client.force_login(campaign_admin)
    elsewhere = services.enroll(user=UserFactory(), session=SessionFactory())
    url = reverse("admin:training_session_person", args=[setting["session"].pk, elsewhere.pk])
    assert client.get(url).status_code == 404
