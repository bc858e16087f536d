"""Partners services: what each guarantees, what it refuses, whom it emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from partners import services
from partners.models import Invitation, Membership, Organization, PartnerApplication
from tests.factories import APPLICATION, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def sent_to(address: str) -> list[str]:
    return [message.subject for message in mail.outbox if address in message.to]


# --- Applications ----------------------------------------------------------------------


def test_submitting_an_application_tells_applicant_and_admins(mails, campaign_admin):
    applicant = UserFactory()
    application = mails(services.submit_application, applicant=applicant, **APPLICATION)
    assert application.status == PartnerApplication.Status.SUBMITTED
    assert sent_to(applicant.email) == [
        "[Blue Campaign Partner Portal] We received your application for Fresno Code Enforcement"
    ]
    assert "New partner application" in sent_to(campaign_admin.email)[0]
    (notice,) = [message for message in mail.outbox if campaign_admin.email in message.to]
    assert f"/admin/partners/partnerapplication/{application.pk}/change/" in notice.body


def test_a_second_open_application_for_the_same_name_is_refused():
    applicant = UserFactory()
    services.submit_application(applicant=applicant, **APPLICATION)
    with pytest.raises(ValidationError, match="already have an application"):
        services.submit_application(
            applicant=applicant, **{**APPLICATION, "organization_name": "fresno code enforcement"}
        )
    assert PartnerApplication.objects.count() == 1


def test_an_invalid_application_is_refused_and_saves_nothing():
    with pytest.raises(ValidationError):
        services.submit_application(applicant=UserFactory(), **{**APPLICATION, "kind": "guild"})
    assert not PartnerApplication.objects.exists()


def test_approving_creates_the_organization_with_the_applicant_as_coordinator(
    mails, campaign_admin
):
    applicant = UserFactory()
    application = services.submit_application(applicant=applicant, **APPLICATION)
    organization = mails(
        services.approve_application, application=application, decided_by=campaign_admin
    )
    assert organization.status == Organization.Status.ACTIVE
    assert organization.slug == "fresno-code-enforcement"
    membership = Membership.objects.get(organization=organization)
    assert (membership.user, membership.role, membership.status) == (
        applicant,
        "coordinator",
        "active",
    )
    application.refresh_from_db()
    assert application.status == "approved" and application.organization == organization
    assert "is now a partner" in sent_to(applicant.email)[-1]


def test_approving_twice_is_refused(campaign_admin):
    application = services.submit_application(applicant=UserFactory(), **APPLICATION)
    services.approve_application(application=application, decided_by=campaign_admin)
    with pytest.raises(ValidationError, match="already Approved"):
        services.approve_application(application=application, decided_by=campaign_admin)
    assert Organization.objects.count() == 1


def test_approval_picks_a_free_slug():
    OrganizationFactory(slug="fresno-code-enforcement")
    application = services.submit_application(applicant=UserFactory(), **APPLICATION)
    organization = services.approve_application(application=application, decided_by=None)
    assert organization.slug == "fresno-code-enforcement-2"


def test_rejecting_needs_a_reason_and_emails_it(mails, campaign_admin):
    applicant = UserFactory()
    application = services.submit_application(applicant=applicant, **APPLICATION)
    with pytest.raises(ValidationError, match="reason"):
        services.reject_application(application=application, decided_by=campaign_admin, reason=" ")
    mails(
        services.reject_application,
        application=application,
        decided_by=campaign_admin,
        reason="Please apply through your city's main office.",
    )
    application.refresh_from_db()
    assert application.status == "rejected"
    assert "apply through your city's main office" in mail.outbox[-1].body
    assert not Organization.objects.exists()


# --- Join requests ------------------------------------------------------------------------


def test_a_join_request_is_pending_and_reaches_coordinators_up_the_tree(mails, partners):
    requester = UserFactory()
    membership = mails(
        services.request_membership,
        user=requester,
        organization=partners.police,
        message="Patrol officer, 3rd precinct",
    )
    assert membership.status == "pending"
    assert sent_to(partners.police_coordinator.email)
    assert sent_to(partners.city_coordinator.email)
    assert not sent_to(partners.other_coordinator.email)
    assert "Patrol officer, 3rd precinct" in mail.outbox[0].body
    assert sent_to(requester.email)


def test_asking_twice_or_as_a_member_is_refused(partners):
    with pytest.raises(ValidationError, match="already a member"):
        services.request_membership(user=partners.police_staff, organization=partners.police)
    requester = UserFactory()
    services.request_membership(user=requester, organization=partners.police)
    with pytest.raises(ValidationError, match="already asked"):
        services.request_membership(user=requester, organization=partners.police)


def test_an_inactive_organization_takes_no_requests():
    organization = OrganizationFactory(status="inactive")
    with pytest.raises(ValidationError, match="not taking new members"):
        services.request_membership(user=UserFactory(), organization=organization)


def test_approving_and_declining_a_request(mails, partners):
    first = services.request_membership(user=UserFactory(), organization=partners.police)
    second = services.request_membership(user=UserFactory(), organization=partners.police)
    mail.outbox.clear()
    mails(services.approve_membership, membership=first, decided_by=partners.police_coordinator)
    mails(services.decline_membership, membership=second, decided_by=partners.police_coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("active", "ended")
    assert first.started_at and second.ended_at
    assert "now a member" in sent_to(first.user.email)[0]
    assert sent_to(second.user.email)
    with pytest.raises(ValidationError, match="already been answered"):
        services.approve_membership(membership=second, decided_by=partners.police_coordinator)


# --- Roles -------------------------------------------------------------------------------


def test_the_last_coordinator_cannot_step_down_or_be_removed(partners):
    coordinator = Membership.objects.get(user=partners.police_coordinator)
    with pytest.raises(ValidationError, match="You are the organization's only coordinator"):
        services.change_role(
            membership=coordinator, role="staff", changed_by=partners.police_coordinator
        )
    with pytest.raises(ValidationError, match="only coordinator"):
        services.end_membership(membership=coordinator, ended_by=partners.city_coordinator)
    coordinator.refresh_from_db()
    assert (coordinator.role, coordinator.status) == ("coordinator", "active")


def test_a_campaign_admin_may_remove_the_last_coordinator(partners, campaign_admin):
    coordinator = Membership.objects.get(user=partners.police_coordinator)
    services.end_membership(membership=coordinator, ended_by=campaign_admin)
    coordinator.refresh_from_db()
    assert coordinator.status == "ended" and coordinator.ended_at


def test_promoting_then_stepping_down_keeps_a_coordinator(mails, partners):
    staff = Membership.objects.get(user=partners.police_staff)
    mails(
        services.change_role,
        membership=staff,
        role="coordinator",
        changed_by=partners.police_coordinator,
    )
    assert "now coordinator" in mail.outbox[-1].body
    coordinator = Membership.objects.get(user=partners.police_coordinator)
    services.change_role(
        membership=coordinator, role="staff", changed_by=partners.police_coordinator
    )
    coordinator.refresh_from_db()
    assert coordinator.role == "staff"


def test_an_unknown_role_is_refused(partners):
    staff = Membership.objects.get(user=partners.police_staff)
    with pytest.raises(ValidationError, match="staff or coordinator"):
        services.change_role(membership=staff, role="owner", changed_by=partners.city_coordinator)


def test_ending_keeps_the_row(partners):
    staff = Membership.objects.get(user=partners.police_staff)
    services.end_membership(membership=staff, ended_by=partners.police_coordinator)
    staff.refresh_from_db()
    assert staff.status == "ended"
    with pytest.raises(ValidationError, match="no longer a member"):
        services.end_membership(membership=staff, ended_by=partners.police_coordinator)


# --- Invitations -------------------------------------------------------------------------


def test_inviting_sorts_new_renewed_and_existing_members(mails, partners):
    first = mails(
        services.invite_members,
        organization=partners.police,
        emails=["New.Person@example.org", partners.police_staff.email],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    assert first.invited == ["new.person@example.org"]
    assert first.already_members == [partners.police_staff.email]
    token = Invitation.objects.get().token
    again = services.invite_members(
        organization=partners.police,
        emails=["new.person@example.org"],
        role="coordinator",
        invited_by=partners.police_coordinator,
    )
    assert again.renewed == ["new.person@example.org"]
    invitation = Invitation.objects.get()
    assert invitation.token != token and invitation.role == "coordinator"
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert invitation.token not in mail.outbox[0].body  # the first link no longer works
    assert f"/partners/invitations/{token}/" in mail.outbox[0].body


def test_accepting_needs_the_invited_address(partners):
    outcome = services.invite_members(
        organization=partners.police,
        emails=["invitee@example.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    invitation = Invitation.objects.get(email=outcome.invited[0])
    with pytest.raises(ValidationError, match=r"sent to invitee@example\.org"):
        services.accept_invitation(invitation=invitation, user=UserFactory())
    unverified = UserFactory(email="invitee@example.org", verified=False)
    with pytest.raises(ValidationError, match="Sign in with that address"):
        services.accept_invitation(invitation=invitation, user=unverified)


def test_accepting_makes_a_member_and_tells_the_inviter(mails, partners):
    services.invite_members(
        organization=partners.police,
        emails=["invitee@example.org"],
        role="coordinator",
        invited_by=partners.police_coordinator,
    )
    invitee = UserFactory(email="invitee@example.org")
    services.request_membership(user=invitee, organization=partners.police)
    mail.outbox.clear()
    membership = mails(
        services.accept_invitation, invitation=Invitation.objects.get(), user=invitee
    )
    assert (membership.status, membership.role) == ("active", "coordinator")
    assert Membership.objects.filter(user=invitee).count() == 1
    assert sent_to(partners.police_coordinator.email)
    with pytest.raises(ValidationError, match="already been accepted"):
        services.accept_invitation(invitation=Invitation.objects.get(), user=invitee)


def test_expired_and_revoked_invitations_cannot_be_accepted(partners):
    services.invite_members(
        organization=partners.police,
        emails=["late@example.org", "withdrawn@example.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    late = Invitation.objects.get(email="late@example.org")
    late.expires_at = timezone.now() - timedelta(minutes=1)
    late.save()
    withdrawn = services.revoke_invitation(
        invitation=Invitation.objects.get(email="withdrawn@example.org"),
        revoked_by=partners.police_coordinator,
    )
    with pytest.raises(ValidationError, match="expired"):
        services.accept_invitation(invitation=late, user=UserFactory(email="late@example.org"))
    with pytest.raises(ValidationError, match="withdrawn"):
        services.accept_invitation(
            invitation=withdrawn, user=UserFactory(email="withdrawn@example.org")
        )
    assert not Membership.objects.filter(user__email__in=["late@example.org"]).exists()


def test_invitations_expire_after_fourteen_days(partners):
    before = timezone.now()
    services.invite_members(
        organization=partners.police,
        emails=["x@example.org"],
        role="staff",
        invited_by=partners.police_coordinator,
    )
    invitation = Invitation.objects.get()
    assert timedelta(days=14) <= invitation.expires_at - before < timedelta(days=14, minutes=1)


def test_member_factory_and_services_agree():
    """Guards the test factory: what it builds is what approval produces."""
    membership = MembershipFactory()
    assert membership.status == "active" and membership.started_at
