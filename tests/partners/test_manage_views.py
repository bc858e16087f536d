"""Coordinators' manage pages: roster, requests, roles, invitations."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from campaign.site import organizations
from partners import services
from partners.models import Invitation, Membership, Organization
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def manage_url(name: str, organization: Organization, *args) -> str:
    return reverse(f"partners:{name}", args=[organization.slug, *args])


def test_roster_shows_members_requests_and_sub_organizations(client, partners):
    services.request_membership(user=UserFactory(name="Pat Requester"), organization=partners.city)
    client.force_login(partners.city_coordinator)
    page = client.get(manage_url("manage-roster", partners.city)).content.decode()
    assert "Pat Requester" in page
    assert partners.city_coordinator.email in page
    assert partners.police.name in page


@pytest.mark.parametrize("count", [5, 500])
def test_roster_runs_a_fixed_number_of_queries(client, partners, django_assert_num_queries, count):
    MembershipFactory.create_batch(count, organization=partners.police)
    MembershipFactory.create_batch(count // 5, organization=partners.police, status="pending")
    client.force_login(partners.city_coordinator)
    # 9 for the roster itself, 1 to count its pages, 2 for the trainings completed.
    with django_assert_num_queries(12):
        response = client.get(manage_url("manage-roster", partners.police))
    assert response.status_code == 200


def test_roster_csv_lists_active_members_and_defuses_formulas(client, partners):
    MembershipFactory(organization=partners.police, user=UserFactory(name="=HYPERLINK(1)"))
    MembershipFactory(organization=partners.police, status="ended")
    client.force_login(partners.police_coordinator)
    response = client.get(manage_url("manage-roster-csv", partners.police))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == ["Name", "Email", "Role", "Member since", "Trainings completed"]
    assert len(rows) == 1 + 3
    completed = {row[1]: row[4] for row in rows[1:]}
    assert completed[partners.police_staff.email] == "0"
    assert [row[0] for row in rows if "HYPERLINK" in row[0]] == ["'=HYPERLINK(1)"]
    assert response["Content-Disposition"].startswith("attachment")


def test_roster_csv_reads_members_a_chunk_at_a_time_and_keeps_every_row_in_order(
    client, partners, monkeypatch
):
    monkeypatch.setattr(organizations, "ROSTER_CSV_CHUNK", 2)
    names = ["Ana", "Bo", "Cy", "Dee", "Eve"]
    for name in reversed(names):
        MembershipFactory(organization=partners.police, user=UserFactory(name=name))
    client.force_login(partners.police_coordinator)
    response = client.get(manage_url("manage-roster-csv", partners.police))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    by_role = [row[0] for row in rows[1:] if row[2] == "Staff"]
    assert [name for name in by_role if name in names] == names
    assert len(rows) == 1 + 2 + len(names)  # the header, the two demo members, the five


def test_coordinator_approves_and_declines_requests(client, partners):
    first = services.request_membership(user=UserFactory(), organization=partners.police)
    second = services.request_membership(user=UserFactory(), organization=partners.police)
    client.force_login(partners.police_coordinator)
    client.post(manage_url("manage-request-decision", partners.police, first.pk, "approve"))
    client.post(manage_url("manage-request-decision", partners.police, second.pk, "decline"))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("active", "ended")


def test_an_unknown_decision_or_another_organizations_request_is_404(client, partners):
    request = services.request_membership(user=UserFactory(), organization=partners.other)
    client.force_login(partners.police_coordinator)
    url = manage_url("manage-request-decision", partners.police, request.pk, "approve")
    assert client.post(url).status_code == 404
    own = services.request_membership(user=UserFactory(), organization=partners.police)
    url = manage_url("manage-request-decision", partners.police, own.pk, "obliterate")
    assert client.post(url).status_code == 404
    assert (
        client.get(
            manage_url("manage-request-decision", partners.police, own.pk, "approve")
        ).status_code
        == 405
    )


def test_coordinator_changes_roles_and_ends_memberships(client, partners):
    staff = Membership.objects.get(user=partners.police_staff)
    client.force_login(partners.police_coordinator)
    client.post(
        manage_url("manage-member-role", partners.police, staff.pk), {"role": "coordinator"}
    )
    staff.refresh_from_db()
    assert staff.role == "coordinator"
    response = client.post(
        manage_url("manage-member-role", partners.police, staff.pk), {"role": "boss"}, follow=True
    )
    assert "Choose staff or coordinator" in response.content.decode()
    asked = client.post(manage_url("manage-member-end", partners.police, staff.pk))
    assert "Remove " in asked.content.decode()
    staff.refresh_from_db()
    assert staff.status == "active"
    client.post(manage_url("manage-member-end", partners.police, staff.pk), {"confirmed": "1"})
    staff.refresh_from_db()
    assert staff.status == "ended"


def test_the_only_coordinator_is_told_why_they_cannot_step_down(client, partners):
    own = Membership.objects.get(user=partners.police_coordinator)
    client.force_login(partners.police_coordinator)
    response = client.post(
        manage_url("manage-member-end", partners.police, own.pk), {"confirmed": "1"}, follow=True
    )
    assert "only coordinator" in response.content.decode()


def test_demoting_asks_first_and_demoting_oneself_lands_on_a_page_one_may_see(client, partners):
    second = MembershipFactory(organization=partners.police, role="coordinator")
    own = Membership.objects.get(user=partners.police_coordinator)
    client.force_login(partners.police_coordinator)
    url = manage_url("manage-member-role", partners.police, second.pk)
    asked = client.post(url, {"role": "staff"})
    assert asked.status_code == 200 and "will no longer manage" in asked.content.decode()
    second.refresh_from_db()
    assert second.role == "coordinator"
    response = client.post(
        manage_url("manage-member-role", partners.police, own.pk),
        {"role": "staff", "confirmed": "1"},
        follow=True,
    )
    own.refresh_from_db()
    assert own.role == "staff"
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == partners.police.get_absolute_url()


def test_coordinator_invites_and_withdraws(client, partners, django_capture_on_commit_callbacks):
    client.force_login(partners.police_coordinator)
    url = manage_url("manage-invitations", partners.police)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"emails": "a@example.org, b@example.org\nc@example.org", "role": "staff"},
            follow=True,
        )
    assert "Invited: a@example.org, b@example.org, c@example.org" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    invitation = Invitation.objects.get(email="b@example.org")
    client.post(manage_url("manage-invitation-revoke", partners.police, invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_another_organizations_invitation_is_404_and_stays_open(client, partners, invitation):
    client.force_login(partners.other_coordinator)
    url = manage_url("manage-invitation-revoke", partners.other, invitation.pk)
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_inviting_with_bad_addresses_invites_nobody(client, partners):
    client.force_login(partners.police_coordinator)
    response = client.post(
        manage_url("manage-invitations", partners.police),
        {"emails": "good@example.org not-an-address", "role": "staff"},
    )
    assert "not-an-address" in response.content.decode()
    assert not Invitation.objects.exists()
