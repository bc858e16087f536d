"""Partners pages: directory, organization page, applying, joining, invitations."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners import services
from partners.models import Agreement, Membership, Organization, PartnerApplication
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Directory -------------------------------------------------------------------------


def test_directory_lists_active_public_partners_only(client):
    OrganizationFactory(name="Listed Partner")
    OrganizationFactory(name="Unlisted Partner", listed=False)
    OrganizationFactory(name="Inactive Partner", status="inactive")
    OrganizationFactory(name="Applied Partner", status="applied")
    page = client.get(reverse("partners:directory")).content.decode()
    assert "Listed Partner" in page
    assert "Unlisted Partner" not in page and "Inactive Partner" not in page
    assert "Applied Partner" not in page


def test_a_country_is_shown_by_its_name_not_its_code(client):
    """Canada's code, CA, reads as California beside the U.S. states."""
    canada = OrganizationFactory(
        name="Public Safety Canada", kind="international", state="", country="CA"
    )
    OrganizationFactory(name="Sacramento Code Enforcement", state="CA")
    page = client.get(reverse("partners:directory")).content.decode()
    assert ">Canada</li>" in page and ">CA</li>" not in page and ">California</li>" in page
    detail = client.get(canada.get_absolute_url()).content.decode()
    assert "International, Canada" in detail or "Canada</li>" in detail
    assert "Canadá" in client.get("/es" + reverse("partners:directory")).content.decode()


def test_directory_filters_by_kind_state_country_and_name(client):
    OrganizationFactory(name="Sacramento Police", kind="state_local", state="CA")
    OrganizationFactory(name="Austin Shelter", kind="ngo", state="TX")
    OrganizationFactory(name="Gobierno de Panama", kind="international", state="", country="PA")
    url = reverse("partners:directory")

    def names(**params):
        return [o.name for o in client.get(url, params).context["organizations"]]

    assert names(kind="ngo") == ["Austin Shelter"]
    assert names(state="CA") == ["Sacramento Police"]
    assert names(country="pa") == ["Gobierno de Panama"]
    assert names(q="sacramento") == ["Sacramento Police"]


def test_directory_with_bad_filters_shows_no_error_page(client):
    response = client.get(reverse("partners:directory"), {"kind": "guild", "page": "x"})
    assert response.status_code in {200, 404}
    response = client.get(reverse("partners:directory"), {"state": "ZZ"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_directory_paginates_and_keeps_filters(client):
    OrganizationFactory.create_batch(25, kind="ngo")
    response = client.get(reverse("partners:directory"), {"kind": "ngo"})
    assert len(response.context["organizations"]) == 20
    assert "kind=ngo&amp;page=2" in response.content.decode()
    second = client.get(reverse("partners:directory"), {"kind": "ngo", "page": 2})
    assert len(second.context["organizations"]) == 5


@pytest.mark.parametrize("count", [5, 500])
def test_directory_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    parent = OrganizationFactory()
    OrganizationFactory.create_batch(count, parent=parent)
    with django_assert_num_queries(2):
        response = client.get(reverse("partners:directory"))
    assert response.status_code == 200


# --- Organization page -------------------------------------------------------------------


def test_organization_page_shows_hierarchy_and_agreements_but_never_the_document(client):
    city = OrganizationFactory(name="City of Oakland", slug="oakland")
    OrganizationFactory(name="Oakland Fire", parent=city)
    OrganizationFactory(name="Oakland Secret Unit", parent=city, listed=False)
    Agreement.objects.create(
        organization=city, kind="mou", summary="Training for city staff.", document="a/b.pdf"
    )
    page = client.get(city.get_absolute_url()).content.decode()
    assert "Oakland Fire" in page and "Oakland Secret Unit" not in page
    assert "Memorandum of understanding" in page and "Training for city staff." in page
    assert "b.pdf" not in page


def test_a_private_organization_is_404_to_outsiders_and_visible_to_members(client):
    hidden = OrganizationFactory(listed=False)
    member = MembershipFactory(organization=hidden).user
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_organization_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    city = OrganizationFactory()
    OrganizationFactory.create_batch(30, parent=city)
    for _ in range(10):
        Agreement.objects.create(organization=city, kind="mou")
    # The fifth query lists the materials the organization publishes.
    with django_assert_num_queries(5):
        client.get(city.get_absolute_url())


# --- Applying ------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_told_an_account_comes_first(client, django_assert_num_queries):
    """The page explains applying and links to sign-up and sign-in, both coming back."""
    url = reverse("partners:apply")
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "An account comes first" in page
    assert f"{reverse('account_signup')}?next={url}" in page
    assert f"{reverse('account_login')}?next={url}" in page
    assert 'name="organization_name"' not in page and "csrfmiddlewaretoken" not in page
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies


def test_only_a_signed_in_person_can_send_an_application(client):
    response = client.post(reverse("partners:apply"), {"organization_name": "Springfield PD"})
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('partners:apply')}"
    assert not PartnerApplication.objects.exists()


def test_applying_records_the_application_and_lists_it(client, django_capture_on_commit_callbacks):
    applicant = UserFactory()
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partners:apply"),
            {
                "organization_name": "Stockton Code Enforcement",
                "kind": "state_local",
                "state": "CA",
                "country": "us",
                "website": "stockton.example.org",
                "description": "Code enforcement for the city.",
                "applicant_title": "Supervisor",
                "reason": "Train 25 officers.",
            },
            follow=True,
        )
    application = PartnerApplication.objects.get()
    assert application.applicant == applicant and application.country == "US"
    assert application.website == "https://stockton.example.org"
    assert "Stockton Code Enforcement" in response.content.decode()
    assert "application was received" in response.content.decode()
    assert mail.outbox


def test_an_incomplete_application_shows_errors_and_saves_nothing(client):
    client.force_login(UserFactory())
    response = client.post(reverse("partners:apply"), {"organization_name": "", "country": "U1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "two-letter country code" in page
    assert not PartnerApplication.objects.exists()


# --- Joining ------------------------------------------------------------------------------


def test_asking_to_join_creates_a_pending_request(client, partners):
    requester = UserFactory()
    client.force_login(requester)
    response = client.post(
        reverse("partners:join", args=[partners.police.slug]),
        {"message": "Dispatcher"},
        follow=True,
    )
    assert "was sent to its coordinators" in response.content.decode()
    membership = Membership.objects.get(user=requester)
    assert (membership.status, membership.message) == ("pending", "Dispatcher")
    again = client.post(reverse("partners:join", args=[partners.police.slug]), follow=True)
    assert "already asked to join" in again.content.decode()


def test_asking_to_join_a_private_organization_is_404(client):
    client.force_login(UserFactory())
    hidden = OrganizationFactory(listed=False)
    assert client.post(reverse("partners:join", args=[hidden.slug])).status_code == 404


def test_a_too_long_message_is_refused(client, partners):
    client.force_login(UserFactory())
    response = client.post(
        reverse("partners:join", args=[partners.police.slug]), {"message": "x" * 1001}, follow=True
    )
    assert "too long" in response.content.decode()
    assert not Membership.objects.filter(status="pending").exists()


def test_my_organizations_lists_memberships_and_invitations(client, partners):
    services.invite_members(
        organization=partners.other,
        emails=[partners.police_staff.email],
        role="staff",
        invited_by=partners.other_coordinator,
    )
    client.force_login(partners.police_staff)
    page = client.get(reverse("partners:mine")).content.decode()
    assert partners.police.name in page
    assert partners.other.name in page and "invites you" in page


# --- Invitation page -----------------------------------------------------------------------


def test_invitation_page_offers_sign_up_with_the_invited_address(client, invitation):
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "Create an account" in page and "email=recruit%40example.org" in page
    assert client.session["account_verified_email"] == "recruit@example.org"


def test_accepting_an_invitation_from_the_page(client, invitation):
    recruit = UserFactory(email="recruit@example.org")
    client.force_login(recruit)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "You are now a member" in response.content.decode()
    assert Membership.objects.get(user=recruit).status == "active"


def test_accepting_with_another_address_says_why(client, invitation):
    client.force_login(UserFactory())
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "sent to recruit@example.org" in response.content.decode()


def test_an_unknown_invitation_token_is_404(client):
    assert client.get(reverse("partners:invitation", args=["nope"])).status_code == 404


def end_police_coordinator(partners, campaign_admin) -> None:
    """Only a campaign admin may end an organization's last coordinator."""
    membership = partners.police_coordinator.memberships.get(organization=partners.police)
    services.end_membership(membership=membership, ended_by=campaign_admin)


def deactivate(user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


@pytest.mark.parametrize(
    "void",
    [
        pytest.param(end_police_coordinator, id="inviter-membership-ended"),
        pytest.param(lambda p, _admin: deactivate(p.police_coordinator), id="inviter-deactivated"),
        pytest.param(
            lambda p, _admin: Organization.objects.filter(pk=p.police.pk).update(
                status="inactive"
            ),
            id="organization-inactive",
        ),
    ],
)
def test_an_invitation_stops_working_when_its_inviter_or_organization_no_longer_stands(
    client, partners, invitation, void, campaign_admin
):
    """An invitation is vouched for by a coordinator of an active organization: once the
    coordinator's membership ends, their account is deactivated or the organization is
    inactive, the link opens nothing and proves no address."""
    recruit = UserFactory(email="recruit@example.org")
    void(partners, campaign_admin)
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "no longer works" in page and "Create an account" not in page
    assert "account_verified_email" not in client.session
    client.force_login(recruit)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 410
    assert not Membership.objects.filter(user=recruit).exists()
    with pytest.raises(ValidationError, match="no longer works"):
        services.accept_invitation(invitation=invitation, user=recruit)


def test_a_deactivated_account_cannot_accept_an_invitation(invitation):
    recruit = UserFactory(email="recruit@example.org")
    deactivate(recruit)
    with pytest.raises(ValidationError, match="deactivated"):
        services.accept_invitation(invitation=invitation, user=recruit)
    assert not Membership.objects.filter(user=recruit).exists()
