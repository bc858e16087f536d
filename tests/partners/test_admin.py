"""Campaign admins run partners from the Django admin: approve, reject, export, documents."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from partners import services
from partners.models import Agreement, Membership, Organization, PartnerApplication
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    submit_partner_application,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    ["organization", "agreement", "membership", "invitation", "partnerapplication"],
)
def test_admin_lists_and_forms_open(admin_client, partners, model):
    submit_partner_application()
    assert admin_client.get(reverse(f"admin:partners_{model}_changelist")).status_code == 200
    obj = {
        "organization": partners.city,
        "membership": Membership.objects.first(),
        "partnerapplication": PartnerApplication.objects.first(),
    }.get(model)
    if obj is not None:
        url = reverse(f"admin:partners_{model}_change", args=[obj.pk])
        assert admin_client.get(url).status_code == 200


def test_approve_button_creates_the_partner(admin_client, django_capture_on_commit_callbacks):
    application = submit_partner_application()
    url = reverse("admin:partners_partnerapplication_approve", args=[application.pk])
    assert b"its coordinator" in admin_client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url)
    organization = Organization.objects.get(name="Modesto Code Enforcement")
    assert Membership.objects.get(organization=organization).user == application.applicant
    assert "is now a partner" in mail.outbox[-1].subject


def test_approve_action_on_several(admin_client):
    first, second = submit_partner_application("A Agency"), submit_partner_application("B Agency")
    admin_client.post(
        reverse("admin:partners_partnerapplication_changelist"),
        {"action": "approve_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert Organization.objects.filter(name__in=["A Agency", "B Agency"]).count() == 2


def test_approving_while_a_same_named_organization_appears_answers_with_a_message(
    admin_client, monkeypatch
):
    """The slug picked for the new organization is taken by the time it is written (another
    admin's approval of a same-named application): the action says so, no 500."""
    application = submit_partner_application("Port of Long Beach")
    OrganizationFactory(name="Port of Long Beach", slug="port-of-long-beach")
    monkeypatch.setattr(
        services.applications, "unique_organization_slug", lambda name: "port-of-long-beach"
    )
    response = admin_client.post(
        reverse("admin:partners_partnerapplication_changelist"),
        {"action": "approve_selected", "_selected_action": [application.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "An organization named Port of Long Beach was just created" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    assert Organization.objects.filter(name="Port of Long Beach").count() == 1


def test_reject_asks_for_a_reason_then_emails_it(admin_client, django_capture_on_commit_callbacks):
    application = submit_partner_application()
    response = admin_client.post(
        reverse("admin:partners_partnerapplication_changelist"),
        {"action": "reject_selected", "_selected_action": [application.pk]},
    )
    reject_url = response.url
    response = admin_client.post(reject_url, {"reason": ""})
    assert b"Give the applicant a reason" in response.content
    application.refresh_from_db()
    assert application.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reject_url, {"reason": "Not a public-facing organization."})
    application.refresh_from_db()
    assert application.status == "rejected"
    assert "Not a public-facing organization." in mail.outbox[-1].body


def test_reject_page_with_no_valid_ids_is_404(admin_client):
    url = reverse("admin:partners_partnerapplication_reject")
    assert admin_client.get(url, {"ids": "x,,9999"}).status_code == 404


def test_organizations_export_as_csv(admin_client, partners):
    MembershipFactory(organization=partners.police, status="ended")
    response = admin_client.post(
        reverse("admin:partners_organization_changelist"),
        {"action": "export_csv", "_selected_action": [partners.city.pk, partners.police.pk]},
    )
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    police = next(row for row in rows if row["Name"] == "Springfield Police")
    assert police["Parent"] == "City of Springfield"
    assert police["Active members"] == "2"


def test_membership_actions_go_through_the_services(admin_client, partners):
    request = services.request_membership(user=UserFactory(), organization=partners.other)
    only_coordinator = Membership.objects.get(user=partners.other_coordinator)
    changelist = reverse("admin:partners_membership_changelist")
    admin_client.post(changelist, {"action": "approve_requests", "_selected_action": [request.pk]})
    admin_client.post(
        changelist, {"action": "end_memberships", "_selected_action": [only_coordinator.pk]}
    )
    request.refresh_from_db()
    only_coordinator.refresh_from_db()
    assert request.status == "active"
    assert only_coordinator.status == "ended"  # a campaign admin may remove the last one


def test_agreement_documents_are_private_and_served_to_admins_only(client, admin_client, settings):
    agreement = Agreement.objects.create(organization=OrganizationFactory(), kind="mou")
    agreement.document.save("signed.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    assert str(settings.PRIVATE_MEDIA_ROOT) in agreement.document.path
    assert str(settings.MEDIA_ROOT) not in agreement.document.path
    assert "signed" not in agreement.document.name  # stored under a generated name
    url = reverse("admin:partners_agreement_document", args=[agreement.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    client.logout()
    client.force_login(UserFactory())
    assert client.get(url).status_code in {302, 403}


def test_an_agreement_with_a_document_opens_in_the_admin_and_links_to_it(admin_client):
    agreement = Agreement.objects.create(organization=OrganizationFactory(), kind="mou")
    agreement.document.save("signed.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    response = admin_client.get(reverse("admin:partners_agreement_change", args=[agreement.pk]))
    assert response.status_code == 200
    document_url = reverse("admin:partners_agreement_document", args=[agreement.pk])
    assert f'href="{document_url}"' in response.content.decode()


def test_the_organization_page_opens_when_an_agreement_has_a_document(admin_client):
    """The agreements inline links the document through the checking view (private storage
    has no URL to ask for)."""
    agreement = Agreement.objects.create(organization=OrganizationFactory(), kind="mou")
    agreement.document.save("signed.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse("admin:partners_organization_change", args=[agreement.organization.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    document_url = reverse("admin:partners_agreement_document", args=[agreement.pk])
    assert f'href="{document_url}"' in response.content.decode()


def test_an_agreement_document_is_served_with_its_detected_type_in_a_sandbox(admin_client):
    agreement = Agreement.objects.create(organization=OrganizationFactory(), kind="mou")
    agreement.document.save("signed.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    response = admin_client.get(reverse("admin:partners_agreement_document", args=[agreement.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    agreement.document.storage.delete(agreement.document.name)
    response = admin_client.get(reverse("admin:partners_agreement_document", args=[agreement.pk]))
    assert response.status_code == 404


def test_rejecting_several_reports_each_and_lands_on_the_list(admin_client):
    pending, decided = (
        submit_partner_application("Fresno Outreach"),
        submit_partner_application("Tulare Office"),
    )
    services.reject_application(application=decided, decided_by=UserFactory(), reason="Dup.")
    url = reverse("admin:partners_partnerapplication_reject")
    response = admin_client.post(
        f"{url}?ids={pending.pk},{decided.pk}", {"reason": "Out of scope."}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "admin:partners_partnerapplication_changelist"
    )
    said = [str(message) for message in response.context["messages"]]
    assert "Fresno Outreach was rejected." in said
    assert any(text.startswith("Tulare Office: ") for text in said)
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Out of scope.")


def test_rejecting_one_lands_on_its_page(admin_client):
    application = submit_partner_application()
    url = reverse("admin:partners_partnerapplication_reject")
    response = admin_client.post(f"{url}?ids={application.pk}", {"reason": "Out of scope."})
    assert response.url == reverse(
        "admin:partners_partnerapplication_change", args=[application.pk]
    )
