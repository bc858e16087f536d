"""Inviting people from a CSV file: validate, preview each row's outcome, then send."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners import services
from partners.models import Invitation
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def upload(text: str):
    return SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")


def test_the_preview_says_what_each_row_will_do_then_the_invitations_go(
    client, partners, django_capture_on_commit_callbacks, django_assert_num_queries
):
    member = MembershipFactory(organization=partners.police, user=UserFactory()).user
    services.invite_members(
        organization=partners.police,
        emails=["again@x.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    client.force_login(partners.police_coordinator)
    url = reverse("partners:manage-invitation-import", args=[partners.police.slug])
    text = f"email\nnew@x.org\n{member.email}\nagain@x.org\nbad address\nNEW@x.org\n"
    with django_assert_num_queries(7):
        response = client.post(url, {"file": upload(text), "role": "coordinator"})
    assert [(r.number, r.outcome) for r in response.context["preview"]] == [
        (2, "Will be invited."),
        (3, "Already a member: skipped."),
        (4, "Invited already: the invitation is sent again."),
        (5, "Not an email address: skipped."),
        (6, "Listed twice: invited once."),
    ]
    assert Invitation.objects.count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"token": response.context["token"]}, follow=True)
    assert "1 invited, 1 sent again." in done.content.decode()
    invitations = dict(Invitation.objects.values_list("email", "role"))
    assert invitations == {"new@x.org": "coordinator", "again@x.org": "coordinator"}
    assert sorted(m.to[0] for m in mail.outbox) == ["again@x.org", "new@x.org"]


def test_a_bad_file_or_token_is_refused_and_sends_nothing(client, partners):
    client.force_login(partners.police_coordinator)
    url = reverse("partners:manage-invitation-import", args=[partners.police.slug])
    refused = client.post(url, {"file": upload("name\nAnn\n"), "role": "staff"})
    assert "needs a column named “email”" in refused.content.decode()
    forged = client.post(url, {"token": "forged"}, follow=True)
    assert "upload the file again" in forged.content.decode()
    assert not Invitation.objects.exists()


def test_only_the_organizations_managers_import(client, partners):
    url = reverse("partners:manage-invitation-import", args=[partners.police.slug])
    assert client.get(url).status_code == 302
    for person, status in [
        (partners.police_staff, 403),
        (partners.other_coordinator, 403),
        (partners.police_coordinator, 200),
        (partners.city_coordinator, 200),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status
        assert client.post(url, {"file": upload("email\na@x.org\n")}).status_code == status
