"""The contact form's rate limit holds when one address sends many messages at once: the
counter (django-ratelimit, in the cache) is incremented atomically, so no burst of parallel
posts stores more messages than the rate allows."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from campaign.models import ContactMessage
from tests.concurrency import requires_postgres, run_in_parallel

pytestmark = [pytest.mark.django_db(transaction=True), requires_postgres]

SENDERS = 6


def test_parallel_posts_from_one_address_store_at_most_the_rate(settings):
    settings.CONTACT_RATE = "2/h"
    barrier = threading.Barrier(SENDERS)

    def send() -> int:
        client = Client(REMOTE_ADDR="203.0.113.7")
        barrier.wait()
        data = {
            "name": "Ana Reyes",
            "email": "ana@example.org",
            "topic": "general",
            "message": "Hello from a burst.",
        }
        return client.post(reverse("contact"), data).status_code

    statuses = run_in_parallel(*[send for _ in range(SENDERS)])
    assert sorted(statuses) == [302, 302] + [429] * (SENDERS - 2)
    assert ContactMessage.objects.count() == 2
