"""An invitation survives a sign-up through the header's link: once the invited address is
verified, the invitation is offered on the very next page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from partners import services
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

OFFER = "You have an invitation to join Springfield Police as staff."


def sign_up(client):
    return client.post(
        reverse("account_signup"),
        {
            "email": "Recruit@example.org",
            "name": "Rosa Diaz",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
        follow=True,
    )


def test_opening_the_invitation_then_signing_up_from_the_header_offers_it(client, invitation):
    client.get(invitation.get_absolute_url())  # the emailed link proves the address
    page = sign_up(client).content.decode()
    assert OFFER in page
    assert f'href="{invitation.get_absolute_url()}"' in page


def test_signing_up_without_the_link_offers_it_once_the_address_is_confirmed(
    client, invitation, partners
):
    page = sign_up(client).content.decode()
    assert OFFER not in page  # not verified yet: nothing is offered to an unproven address
    (message,) = mail.outbox
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body)
    page = client.post(confirm.group(1), follow=True).content.decode()
    assert OFFER in page


def test_a_withdrawn_invitation_is_not_offered(client, invitation, partners):
    services.revoke_invitation(invitation=invitation, revoked_by=partners.police_coordinator)
    client.get(invitation.get_absolute_url())
    assert "You have an invitation" not in sign_up(client).content.decode()
