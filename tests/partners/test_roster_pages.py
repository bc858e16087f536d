"""The roster shows its members a page at a time (5,000 members made a 6.5 MB page)."""

import pytest
from django.urls import reverse

from campaign.site import organizations
from partners import queries
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_roster_is_paginated(client, partners, monkeypatch):
    monkeypatch.setattr(organizations, "ROSTER_PAGE_SIZE", 2)
    MembershipFactory.create_batch(3, organization=partners.police)
    client.force_login(partners.city_coordinator)
    url = reverse("partners:manage-roster", args=[partners.police.slug])
    total = queries.active_members(partners.police).count()
    pages = -(-total // 2)
    shown = []
    for number in range(1, pages + 1):
        response = client.get(url, {"page": number})
        assert len(response.context["members"]) <= 2
        assert f"Page {number} of {pages}" in response.content.decode()
        shown += [member.pk for member in response.context["members"]]
    assert sorted(shown) == sorted(
        queries.active_members(partners.police).values_list("pk", flat=True)
    )
    assert client.get(url, {"page": "x"}).status_code == 200
