"""Certificate events for partners' webhooks: when a certificate of a person is issued or
revoked, each active organization they belong to (or that is above one they belong to) with
a webhook gets `certificate.issued` / `certificate.revoked`, carrying the completion as the
completions feed shows it (training.api.completions.row_json) with the certificate's expiry.

The certificate services call certificate_event once; the work happens after commit, so a
rolled-back issuance sends nothing and the services' own queries stay as they were."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from campaign.emails import absolute_url
from partners import services as partner_services
from partners.models import Membership, Organization
from partners.webhooks import Webhook
from training.api.completions import row_json
from training.models import Certificate
from training.report_queries import ATTENDED, PASSED_ONLINE, FeedCompletion

ISSUED = "certificate.issued"
REVOKED = "certificate.revoked"


def certificate_event(certificate: Certificate, event: str) -> None:
    """Queues `event` about the certificate for the webhooks it concerns, after commit."""
    pk = certificate.pk
    transaction.on_commit(lambda: queue_certificate_event(certificate_id=pk, event=event))


def people_organizations(user_id: int) -> dict[int, set[int]]:
    """For each organization a person is an active member of, that organization and every
    one above it (the organizations whose completions feed shows the person)."""
    chains: dict[int, set[int]] = {}
    memberships = Membership.objects.filter(
        user_id=user_id,
        status=Membership.Status.ACTIVE,
        organization__status=Organization.Status.ACTIVE,
    ).values_list("organization_id", flat=True)
    parents = dict(Organization.objects.values_list("pk", "parent_id"))
    for organization_id in memberships:
        chain, current = set(), organization_id
        while current is not None and current not in chain:
            chain.add(current)
            current = parents.get(current)
        chains[organization_id] = chain
    return chains


def queue_certificate_event(*, certificate_id: int, event: str) -> list:
    """Records and queues the event for every active webhook concerned; returns the
    deliveries. Nothing is asked of the database past one query while no webhook is on."""
    if not Webhook.objects.filter(active=True).exists():
        return []
    certificate = (
        Certificate.objects.select_related("user", "course", "enrollment__session")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        return []
    chains = people_organizations(certificate.user_id)
    reached = set().union(*chains.values()) if chains else set()
    webhooks = Webhook.objects.filter(
        active=True, organization_id__in=reached, organization__status=Organization.Status.ACTIVE
    ).select_related("organization")
    names = dict(Organization.objects.filter(pk__in=chains).values_list("pk", "name"))
    deliveries = []
    with transaction.atomic():
        for webhook in webhooks:
            # Named, as in the feed, with the first (by name) organization below the webhook's.
            below = sorted(
                names[member_of]
                for member_of, chain in chains.items()
                if webhook.organization_id in chain
            )
            completion = certificate_completion(certificate, organization=below[0])
            deliveries.append(
                partner_services.queue_event(
                    webhook=webhook, event=event, data={"completion": completion}
                )
            )
    return deliveries


def certificate_completion(certificate: Certificate, *, organization: str) -> dict:
    """The certificate's completion row, as the completions feed would give it."""
    enrollment = certificate.enrollment
    session = enrollment.session if enrollment is not None else None
    row = FeedCompletion(
        name=certificate.user.name,
        email=certificate.user.email,
        organization=organization,
        course=certificate.course.title,
        session_date=session.local_start.date() if session is not None else None,
        hours=float(certificate.hours),
        status=ATTENDED if session is not None else PASSED_ONLINE,
        certificate_code=certificate.code,
        certificate_issued_on=certificate.issued_on,
        certificate_revoked_on=(
            timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None
        ),
    )
    # In the site's first language, as the feed gives it.
    with translation.override(settings.LANGUAGE_CODE):
        link = absolute_url(reverse("certificates:verify", args=[certificate.code]))
    completion = row_json(row, verify_url=link)
    completion["certificate"]["expires_on"] = certificate.expires_on
    return completion
