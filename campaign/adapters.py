import uuid

from allauth.account.adapter import DefaultAccountAdapter

from campaign.requestlog import current_request_id
from campaign.tasks import send_email_message


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends allauth's account email through the portal's background email task."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        send_email_message.enqueue(
            subject=message.subject,
            body=message.body,
            to=message.to,
            kind=template_prefix,
            idempotency_key=uuid.uuid4().hex,
            request_id=current_request_id(),
        )
