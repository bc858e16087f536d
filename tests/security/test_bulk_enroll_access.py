"""A coordinator's bulk enrollment and its CSV import, asked by every kind of person:
anonymous → sign-in; only coordinators get in (their own staff only); everyone else 403;
nothing anyone sends is a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import SessionFactory
from training.models import Enrollment

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": 302,
    "outsider": 403,
    "staff": 403,
    "coordinator": 200,
    "other_coordinator": 200,
    "campaign_admin": 403,
}


def person(partners, campaign_admin, role):
    return {
        "anonymous": None,
        "outsider": partners.outsider,
        "staff": partners.police_staff,
        "coordinator": partners.police_coordinator,
        "other_coordinator": partners.other_coordinator,
        "campaign_admin": campaign_admin,
    }[role]


@pytest.mark.parametrize("role", ROLES)
def test_bulk_pages_answer_by_role(client, partners, campaign_admin, role):
    user = person(partners, campaign_admin, role)
    if user is not None:
        client.force_login(user)
    session = SessionFactory()
    for name in ["training:bulk-enroll", "training:bulk-import"]:
        assert client.get(reverse(name, args=[session.pk])).status_code == ROLES[role], name


@pytest.mark.parametrize("role", ROLES)
def test_nothing_sent_to_them_is_a_500_or_enrolls_someone_else(
    client, partners, campaign_admin, role
):
    user = person(partners, campaign_admin, role)
    if user is not None:
        client.force_login(user)
    session = SessionFactory()
    police_staff = partners.police_staff.memberships.get()
    for name, data in [
        ("training:bulk-enroll", {"memberships": ["x", "-1"]}),
        ("training:bulk-enroll", {"everyone": "maybe", "page": "x"}),
        ("training:bulk-import", {"file": "not a file"}),
        ("training:bulk-import", {"token": "forged"}),
        (
            "training:bulk-import",
            {"file": SimpleUploadedFile("x.csv", b"\\xff\\xfe\\x00", content_type="text/csv")},
        ),
    ]:
        assert client.post(reverse(name, args=[session.pk]), data).status_code < 500
    if role == "other_coordinator":
        response = client.post(
            reverse("training:bulk-enroll", args=[session.pk]),
            {"memberships": [police_staff.pk]},
        )
        assert response.status_code == 200
    if role != "coordinator":  # the police coordinator may enroll the police staff
        assert not Enrollment.objects.filter(user=partners.police_staff).exists()
