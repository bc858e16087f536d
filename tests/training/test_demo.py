"""The training demo: attendance with certificates (one revoked), the FLETC course's
knowledge check passed after a failed try, a pending training request; loaded twice."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from training.models import Certificate, KnowledgeCheckAttempt, Question, TrainingRequest

pytestmark = pytest.mark.django_db


def test_the_demo_history_loads_once_and_its_pages_show_it(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    staff = "staff@demo.blue-campaign.test"
    assert Certificate.objects.filter(user__email=staff).count() == 2
    revoked = Certificate.objects.get(revoked_at__isnull=False)
    assert revoked.revoked_reason
    assert Question.objects.filter(course__slug="recognizing-trafficking-routine-duties").count()
    attempts = KnowledgeCheckAttempt.objects.filter(user__email=staff).order_by("submitted_at")
    assert [a.passed for a in attempts] == [False, True]
    assert TrainingRequest.objects.get().status == "pending"

    page = client.get(revoked.get_absolute_url()).content.decode()
    assert "was revoked on" in page
    valid = Certificate.objects.filter(user__email=staff).first()
    assert "This certificate is valid" in client.get(valid.get_absolute_url()).content.decode()
    client.force_login(valid.user)
    assert valid.code in client.get(reverse("training:mine")).content.decode()
