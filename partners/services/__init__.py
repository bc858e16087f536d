"""Every write to partners that changes several rows or guards a rule, one module per area;
callers use them as `services.<name>`.

Each function runs in one transaction, locks the row it decides on, re-checks after
locking, and sends its email only after commit.
"""

from partners.services.api_tokens import (
    create_api_token,
    record_token_use,
    revoke_api_token,
    trim_token_uses,
)
from partners.services.applications import (
    approve_application,
    reject_application,
    submit_application,
    unique_organization_slug,
)
from partners.services.invitations import (
    InvitationOutcome,
    accept_invitation,
    invite_members,
    remove_stale_invitations,
    revoke_invitation,
)
from partners.services.memberships import (
    approve_membership,
    change_role,
    decline_membership,
    end_membership,
    end_memberships_of_leaving_person,
    request_membership,
)
from partners.services.webhooks import (
    TEST_EVENT,
    new_webhook_secret_for,
    queue_event,
    record_attempt,
    remove_webhook,
    send_test_event,
    set_webhook,
    trim_webhook_deliveries,
)

__all__ = [
    "TEST_EVENT",
    "InvitationOutcome",
    "accept_invitation",
    "approve_application",
    "approve_membership",
    "change_role",
    "create_api_token",
    "decline_membership",
    "end_membership",
    "end_memberships_of_leaving_person",
    "invite_members",
    "new_webhook_secret_for",
    "queue_event",
    "record_attempt",
    "record_token_use",
    "reject_application",
    "remove_stale_invitations",
    "remove_webhook",
    "request_membership",
    "revoke_api_token",
    "revoke_invitation",
    "send_test_event",
    "set_webhook",
    "submit_application",
    "trim_token_uses",
    "trim_webhook_deliveries",
    "unique_organization_slug",
]
