"""Email backends for tests: a mail server that is down."""

import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FailingEmailBackend(BaseEmailBackend):
    """Refuses every message as an unreachable SMTP server would."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 Service not available, closing transmission channel")


class SlowFileEmailBackend(FileBackend):
    """Writes messages to files as the file backend does, a fifth of a second each, as a
    slow mail server would: the stack test kills the worker in the middle of a batch."""

    def send_messages(self, email_messages):
        time.sleep(0.2)
        return super().send_messages(email_messages)
