"""API tokens: made by a coordinator (the secret handed back once), revoked, and each use
recorded."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.models import User
from partners import access
from partners.api_tokens import (
    LONGEST_VALIDITY,
    ApiToken,
    TokenUse,
    hash_secret,
    new_secret,
    visible_prefix,
)
from partners.models import Organization


def create_api_token(
    *, organization: Organization, name: str, expires_on: date, created_by: User
) -> tuple[ApiToken, str]:
    """Makes a token for the organization's completions feed and returns it with its
    secret, which is stored only as a hash and cannot be shown again.

    Only a manager of an active organization may make one; it expires at the end of
    `expires_on`, which lies between tomorrow and a year from today."""
    if not access.can_manage(created_by, organization):
        raise ValidationError(_("Only the organization's coordinators can make API tokens."))
    if organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Only an active partner can make API tokens."))
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name that says what it is for."))
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError(_("Choose an expiry date after today."), code="expires_on")
    if expires_on > today + LONGEST_VALIDITY:
        raise ValidationError(
            _("A token can last a year at most: choose a date before %(date)s.")
            % {"date": (today + LONGEST_VALIDITY).isoformat()},
            code="expires_on",
        )
    secret = new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            organization=organization,
            name=name,
            prefix=visible_prefix(secret),
            secret_hash=hash_secret(secret),
            created_by=created_by,
            expires_on=expires_on,
        )
        log_action(
            actor=created_by,
            action="partners.api_token.create",
            target=token,
            data={"organization": organization.pk, "expires_on": expires_on.isoformat()},
        )
    return token, secret


def revoke_api_token(*, token: ApiToken, revoked_by: User) -> ApiToken:
    """Stops the token at once, for good. The token row is locked and re-read, so two
    revocations record one."""
    with transaction.atomic():
        token = (
            ApiToken.objects.select_for_update().select_related("organization").get(pk=token.pk)
        )
        if not access.can_manage(revoked_by, token.organization):
            raise ValidationError(_("Only the organization's coordinators can revoke its tokens."))
        if token.revoked_at is not None:
            raise ValidationError(_("This token was already revoked."))
        token.revoked_at = timezone.now()
        token.revoked_by = revoked_by
        token.save(update_fields=["revoked_at", "revoked_by"])
        log_action(actor=revoked_by, action="partners.api_token.revoke", target=token)
    return token


def record_token_use(*, token: ApiToken, path: str, status: int, rows: int) -> TokenUse:
    """Logs one request made with the token and marks the token as used now. The use rows
    are the token's log (an audit entry per request would drown the audit trail)."""
    now = timezone.now()
    with transaction.atomic():
        use = TokenUse.objects.create(
            token=token, used_at=now, path=path[:300], status=status, rows=rows
        )
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return use


def trim_token_uses(*, before: datetime) -> int:
    """Deletes the use rows older than `before`; returns how many went."""
    deleted, _by_model = TokenUse.objects.filter(used_at__lt=before).delete()
    return deleted
