"""Deleting a person's account, and removing accounts whose address was never confirmed.

Deleting erases the person everywhere while every count the impact page makes stays: the
user row is kept, anonymous, so their past enrollments and certificates still count; only
what names or reaches them goes.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.models import AuditEntry, ContactMessage, FailedEmail, User
from campaign.withdrawal import withdrawn_email
from partners import services as partner_services
from partners.models import (
    ApiToken,
    Invitation,
    Membership,
    PartnerApplication,
    WebhookDelivery,
)
from resources.models import MaterialOrder
from training import queries as training_queries
from training import services as training_services
from training.models import (
    CalendarFeed,
    Certificate,
    Enrollment,
    KnowledgeCheckAttempt,
    TrainingRequest,
)


def refusal_to_delete(user: User) -> str | None:
    """Why this account cannot delete itself, or None: an admin's account is removed by
    another admin (it holds the site's keys)."""
    if user.is_staff or user.is_superuser:
        return _(
            "A campaign administrator's account cannot be deleted here: ask another "
            "administrator to remove your admin access first."
        )
    return None


def _anonymise_logs(user: User, *, label: str, records: dict[type, list[int]]) -> None:
    """The audit log and the admin's log keep what happened but no longer say who: entries
    the person made carry their anonymous address; entries about them or their `records`
    (model: ids) carry "<kind> #<id>"."""
    AuditEntry.objects.filter(actor=user).update(actor_label=label)
    for model, ids in {User: [user.pk], **records}.items():
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model)
        kind = models.Value(f"{model._meta.model_name} #")
        keys = [str(pk) for pk in ids]
        AuditEntry.objects.filter(target_type=content_type, target_id__in=keys).update(
            target_label=Concat(kind, "target_id")
        )
        LogEntry.objects.filter(content_type=content_type, object_id__in=keys).update(
            object_repr=Concat(kind, "object_id")
        )


def _ids(queryset: models.QuerySet) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def delete_account(*, user: User) -> User:
    """Erases the person's personal data everywhere, in one transaction, and keeps the
    counts the impact page makes.

    The user row is locked and kept, anonymous: an address that can reach nobody, no name,
    an unusable password (which ends every session), inactive; their email addresses and
    two-factor devices are deleted. Their memberships end (refused, and nothing changes,
    while they are an organization's only coordinator); their seats and waitlist places in
    sessions still to come are cancelled through the cancel service, so the next waiting
    people are promoted and emailed. Past enrollments stay, on the anonymous row. Their
    certificates keep verifying, as "issued, holder withdrew". Their orders' contact and
    address, their contact messages, invitations, undelivered-email records, application
    contact details, calendar link and the logs' labels are erased; API tokens they made are
    revoked. The log entry names no one.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        refusal = refusal_to_delete(user)
        if refusal:
            raise ValidationError(refusal)
        if user.is_withdrawn:
            raise ValidationError(_("This account was already deleted."))
        old_email = user.email
        user.email = withdrawn_email(user.pk)
        user.name = ""
        user.language = settings.LANGUAGE_CODE
        user.is_active = False
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        memberships = partner_services.end_memberships_of_leaving_person(user=user)
        cancelled = 0
        for enrollment in training_queries.cancellable_enrollments_of(user):
            try:
                training_services.cancel_enrollment(enrollment=enrollment, cancelled_by=user)
            except ValidationError:
                continue  # the session started meanwhile: the enrollment is past now
            cancelled += 1
        user.sessions_trained.clear()
        certificates = Certificate.objects.filter(user=user).update(
            recipient_name="", holder_withdrew_at=timezone.now()
        )
        MaterialOrder.objects.filter(requester=user).update(
            contact_name="", email="", phone="", shipping_address=""
        )
        PartnerApplication.objects.filter(applicant=user).update(applicant_title="", phone="")
        messages = ContactMessage.objects.filter(Q(sender=user) | Q(email__iexact=old_email))
        invitations = Invitation.objects.filter(Q(email__iexact=old_email) | Q(accepted_by=user))
        # Records whose label (str()) names the person: their log entries get a plain one.
        labelled = {
            Membership: _ids(Membership.objects.filter(user=user)),
            Enrollment: _ids(Enrollment.objects.filter(user=user)),
            Certificate: _ids(Certificate.objects.filter(user=user)),
            KnowledgeCheckAttempt: _ids(KnowledgeCheckAttempt.objects.filter(user=user)),
            MaterialOrder: _ids(MaterialOrder.objects.filter(requester=user)),
            ContactMessage: _ids(messages),
            Invitation: _ids(invitations),
        }
        messages.delete()
        invitations.delete()
        FailedEmail.objects.filter(recipient__iexact=old_email).delete()
        CalendarFeed.objects.filter(user=user).delete()
        # Tokens they made would stop anyway with their memberships; revoked, they say so.
        tokens = ApiToken.objects.filter(created_by=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=user
        )
        # Events already sent to partners name the person: the copies kept here are erased.
        WebhookDelivery.objects.filter(payload__completion__email__iexact=old_email).update(
            payload={}
        )
        _anonymise_logs(user, label=user.email, records=labelled)
        log_action(
            actor=user,
            action="campaign.account.delete",
            target=user,
            data={
                "memberships_ended": memberships,
                "enrollments_cancelled": cancelled,
                "certificates_kept": certificates,
                "api_tokens_revoked": tokens,
            },
        )
    return user


def remove_unverified_accounts() -> int:
    """Deletes the accounts whose address was never confirmed UNVERIFIED_ACCOUNT_RETENTION_DAYS
    after sign-up (an address row, none verified, never signed in), and returns how many.
    Accounts an admin made (no address row), admins' and any with a training record are
    left alone. Idempotent; the log entry counts, naming no one."""
    before = timezone.now() - timedelta(days=settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS)
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    with transaction.atomic():
        stale = (
            User.objects.filter(
                date_joined__lt=before,
                last_login__isnull=True,
                is_staff=False,
                is_superuser=False,
            )
            .filter(Exists(addresses))
            .exclude(Exists(addresses.filter(verified=True)))
            .exclude(Exists(Enrollment.objects.filter(user=OuterRef("pk"))))
            .exclude(Exists(Certificate.objects.filter(user=OuterRef("pk"))))
            .exclude(Exists(MaterialOrder.objects.filter(requester=OuterRef("pk"))))
            .exclude(Exists(TrainingRequest.objects.filter(requested_by=OuterRef("pk"))))
            .exclude(Exists(AuditEntry.objects.filter(actor=OuterRef("pk"))))
        )
        ids = list(stale.select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        User.objects.filter(pk__in=ids).delete()
        log_action(
            actor=None, action="campaign.account.remove_unverified", data={"accounts": len(ids)}
        )
    return len(ids)
