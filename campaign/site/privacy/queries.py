"""Everything the portal holds about one person, as they download it: one query per part,
whatever the number of rows. A read: nothing here writes.

Every model with a foreign key to the user is either a part here (its field in `covers`) or
in NOT_EXPORTED with the reason; tests/campaign/test_personal_data_export.py walks the
models and fails on one in neither, so a new model cannot be forgotten.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q, QuerySet
from django.utils import timezone

from campaign.models import AuditEntry, ContactMessage, FailedEmail, User
from partners.models import ApiToken, Invitation, Membership, PartnerApplication, Webhook
from resources.models import MaterialOrder, OrderItem
from training.models import (
    Certificate,
    Enrollment,
    Evaluation,
    KnowledgeCheckAttempt,
    Session,
    TrainingRequest,
)


@dataclass(frozen=True)
class Part:
    """One list of the download: the rows of `model` that are about the person, as
    `fields`. `covers` names the model's fields that point at the person."""

    key: str
    model: type
    covers: tuple[str, ...]
    person: Callable[[User], Q]
    fields: str  # the columns, separated by spaces

    def rows(self, user: User) -> QuerySet:
        return (
            self.model._default_manager.filter(self.person(user))
            .order_by("pk")
            .values(*self.fields.split())
        )


def _audit_entries_of(user: User) -> Q:
    about_them = Q(
        target_type__app_label="campaign", target_type__model="user", target_id=str(user.pk)
    )
    return Q(actor=user) | about_them


PARTS = [
    Part(
        "email_addresses",
        EmailAddress,
        ("user",),
        lambda user: Q(user=user),
        "email verified primary",
    ),
    Part(
        "two_factor_authentication",
        Authenticator,
        ("user",),
        lambda user: Q(user=user),
        "type created_at last_used_at",
    ),
    Part(
        "memberships",
        Membership,
        ("user",),
        lambda user: Q(user=user),
        "organization__name role status message requested_at started_at ended_at",
    ),
    Part(
        "invitations",
        Invitation,
        ("accepted_by",),
        lambda user: Q(email__iexact=user.email) | Q(accepted_by=user),
        "organization__name email role created_at expires_at accepted_at revoked_at",
    ),
    Part(
        "partner_applications",
        PartnerApplication,
        ("applicant",),
        lambda user: Q(applicant=user),
        (
            "organization_name acronym kind state country website description applicant_title "
            "phone reason status submitted_at decided_at rejection_reason"
        ),
    ),
    Part(
        "enrollments",
        Enrollment,
        ("user",),
        lambda user: Q(user=user),
        (
            "session__course__title session__starts_at session__ends_at session__online "
            "session__venue_name organization__name status created_at registered_at "
            "cancelled_at attendance_marked_at"
        ),
    ),
    Part(
        "sessions_taught",
        Session,
        ("trainers",),
        lambda user: Q(trainers=user),
        "course__title starts_at ends_at status",
    ),
    Part(
        "certificates",
        Certificate,
        ("user",),
        lambda user: Q(user=user),
        (
            "code course__title recipient_name hours issued_on issued_at expires_on revoked_at "
            "revoked_reason"
        ),
    ),
    Part(
        "evaluations",
        Evaluation,
        (),
        lambda user: Q(enrollment__user=user),
        (
            "enrollment__session__course__title enrollment__session__starts_at relevant "
            "recognize report trainer_clear overall most_useful to_improve submitted_at"
        ),
    ),
    Part(
        "knowledge_checks",
        KnowledgeCheckAttempt,
        ("user",),
        lambda user: Q(user=user),
        "course__title score passed answers submitted_at",
    ),
    Part(
        "training_requests",
        TrainingRequest,
        ("requested_by",),
        lambda user: Q(requested_by=user),
        (
            "organization__name course__title topic audience expected_attendees delivery "
            "location preferred_dates notes status submitted_at decided_at decline_reason"
        ),
    ),
    Part(
        "material_orders",
        MaterialOrder,
        ("requester",),
        lambda user: Q(requester=user),
        (
            "id contact_name email phone organization_name shipping_address display_location "
            "status submitted_at approved_at shipped_at rejected_at tracking_number "
            "rejection_reason"
        ),
    ),
    Part(
        "material_order_items",
        OrderItem,
        (),
        lambda user: Q(order__requester=user),
        "order_id resource__title quantity",
    ),
    Part(
        "contact_messages",
        ContactMessage,
        ("sender",),
        lambda user: Q(sender=user) | Q(email__iexact=user.email),
        "name email topic message received_at answered",
    ),
    Part(
        "undelivered_emails",
        FailedEmail,
        (),
        lambda user: Q(recipient__iexact=user.email),
        "kind subject failed_at",
    ),
    Part(
        "api_tokens_made",
        ApiToken,
        ("created_by",),
        lambda user: Q(created_by=user),
        "organization__name name prefix created_at expires_on last_used_at revoked_at",
    ),
    Part(
        "webhooks_set",
        Webhook,
        ("created_by",),
        lambda user: Q(created_by=user),
        "organization__name url active created_at changed_at",
    ),
    Part(
        "audit_log",
        AuditEntry,
        ("actor",),
        _audit_entries_of,
        "created_at action target_type__model target_id reason",
    ),
]

# Fields pointing at a person that the download leaves out, and why.
NOT_EXPORTED = {
    ("admin.LogEntry", "user"): "an admin's own actions: the same ones are in the audit log",
    ("training.CalendarFeed", "user"): "a secret link, not data about the person",
    ("partners.Membership", "decided_by"): "answers to other people's requests",
    ("partners.Invitation", "invited_by"): "other people's addresses",
    ("partners.PartnerApplication", "decided_by"): "an admin's decision on an application",
    ("training.Enrollment", "enrolled_by"): "other people's enrollments",
    ("training.Enrollment", "attendance_marked_by"): "other people's attendance",
    ("training.Certificate", "revoked_by"): "an admin's decision on a certificate",
    ("training.TrainingRequest", "decided_by"): "an admin's decision on a request",
    ("partners.ApiToken", "revoked_by"): "a decision on an organization's token",
}


def account_of(user: User) -> dict:
    """The account itself, from the row already loaded (no query)."""
    return {
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_about_new_work": user.admin_notices,
    }


def personal_data(user: User) -> Iterator[tuple[str, object]]:
    """The download's sections in order, each (key, value); one query per part."""
    yield "exported_at", timezone.now()
    yield "account", account_of(user)
    for part in PARTS:
        yield part.key, list(part.rows(user))
