"""Email backends for tests: a mail server that is down."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    """Refuses every message as an unreachable SMTP server would."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 Service not available, closing transmission channel")
