import pytest
from django.core import mail

from partners import services
from partners.models import Invitation


@pytest.fixture
def invitation(partners):
    """An open staff invitation to Springfield Police for recruit@example.org, with no mail
    left behind (a test that reads the outbox sees only what it caused)."""
    services.invite_members(
        organization=partners.police,
        emails=["recruit@example.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    mail.outbox.clear()
    return Invitation.objects.get()
