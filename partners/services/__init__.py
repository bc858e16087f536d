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

__all__ = [
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
    "record_token_use",
    "reject_application",
    "remove_stale_invitations",
    "request_membership",
    "revoke_api_token",
    "revoke_invitation",
    "submit_application",
    "trim_token_uses",
    "unique_organization_slug",
]
