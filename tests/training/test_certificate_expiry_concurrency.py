"""Two scheduler runs at once (two machines, or a run that overlaps the next minute's)
remind a holder once: the second skips the certificate the first holds."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.concurrency import requires_postgres, run_in_parallel
from tests.training.certificates import certificate_for
from training import services
from training.models import Certificate
from training.services import expiry

pytestmark = [pytest.mark.django_db(transaction=True), requires_postgres]


def test_overlapping_runs_send_one_reminder(monkeypatch):
    certificate = certificate_for(validity_months=12)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() + timedelta(days=5)
    )
    mail.outbox.clear()
    claimed, second_done = threading.Event(), threading.Event()
    mail_reminder = expiry._mail_reminder
    second_finished_first: list[bool] = []

    def first_holds_its_rows(*args):
        # The first run has claimed the certificate and waits, its transaction open,
        # while the second run looks for due certificates.
        claimed.set()
        second_finished_first.append(second_done.wait(timeout=10))
        mail_reminder(*args)

    monkeypatch.setattr(expiry, "_mail_reminder", first_holds_its_rows)

    def second_run():
        claimed.wait(timeout=10)
        try:
            return services.send_expiry_reminders(lead_days=30)
        finally:
            second_done.set()

    results = run_in_parallel(lambda: services.send_expiry_reminders(lead_days=30), second_run)
    assert results == [1, 0]
    # The second run skipped the held row rather than waiting for it.
    assert second_finished_first == [True]
    assert [m.to for m in mail.outbox] == [[certificate.user.email]]
    assert Certificate.objects.get(pk=certificate.pk).expiry_reminded_at is not None
