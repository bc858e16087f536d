import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from campaign.emails import language_of
from campaign.requestlog import current_request_id
from campaign.tasks import send_email_message


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends allauth's account email through the portal's background email task, in the
    language the person chose (the page's language for someone without an account)."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        with translation.override(language_of(email)):
            message = self.render_mail(template_prefix, email, context)
        send_email_message.enqueue(
            subject=message.subject,
            body=message.body,
            to=message.to,
            kind=template_prefix,
            idempotency_key=uuid.uuid4().hex,
            request_id=current_request_id(),
        )

    def save_user(self, request, user, form, commit=True):
        # Sign-up remembers the language of the page it was made on.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)
