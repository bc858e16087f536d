"""An invitation survives a sign-up that did not start from its link: once the person's
address is verified (at sign-up, or by the confirmation link), each open invitation sent to
it is offered on the next page, with a link to accept it."""

from allauth.account.signals import email_confirmed, user_signed_up
from django.contrib import messages
from django.dispatch import receiver
from django.utils.html import format_html
from django.utils.translation import gettext as _

from partners import access
from partners.queries import open_invitations_for


def offer_invitations(request, address: str) -> int:
    """Adds a message for each standing invitation to `address`; returns how many."""
    offered = 0
    for invitation in open_invitations_for(address):
        if not access.invitation_stands(invitation):
            continue
        messages.info(
            request,
            format_html(
                '{} <a class="usa-link" href="{}">{}</a>',
                _("You have an invitation to join %(name)s as %(role)s.")
                % {
                    "name": invitation.organization.name,
                    "role": invitation.get_role_display().lower(),
                },
                invitation.get_absolute_url(),
                _("See the invitation and accept it"),
            ),
        )
        offered += 1
    return offered


@receiver(user_signed_up, dispatch_uid="partners.offer_invitations_at_sign_up")
def offer_at_sign_up(sender, request, user, **kwargs) -> None:
    # The address is verified at sign-up when the person came from an emailed link.
    from allauth.account.models import EmailAddress

    for address in EmailAddress.objects.filter(user=user, verified=True):
        offer_invitations(request, address.email)


@receiver(email_confirmed, dispatch_uid="partners.offer_invitations_on_confirmation")
def offer_on_confirmation(sender, request, email_address, **kwargs) -> None:
    offer_invitations(request, email_address.email)
