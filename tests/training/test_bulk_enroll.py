"""A coordinator's bulk enrollment at scale: search, a sub-organization filter, pages,
people already enrolled or waiting shown and skipped, everyone who matches at once."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganizationFactory, SessionFactory, UserFactory
from training import services
from training.models import Enrollment
from training.views.bulk import PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, partners):
    client.force_login(partners.city_coordinator)
    return partners.city_coordinator


def url(session, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("training:bulk-enroll", args=[session.pk]) + (f"?{query}" if query else "")


def names(response):
    return [m.user.name for m, _status in response.context["rows"]]


def test_search_by_name_or_email_and_filter_by_sub_organization(client, partners, coordinator):
    MembershipFactory(organization=partners.city, user=UserFactory(name="Robin Park"))
    MembershipFactory(organization=partners.police, user=UserFactory(name="Robin Diaz"))
    MembershipFactory(organization=partners.other, user=UserFactory(name="Robin Other"))
    session = SessionFactory()
    assert sorted(names(client.get(url(session, q="robin")))) == ["Robin Diaz", "Robin Park"]
    police = names(client.get(url(session, q="robin", organization=partners.police.pk)))
    assert police == ["Robin Diaz"]
    # Another partner's organization is no filter a coordinator may use.
    refused = client.get(url(session, organization=partners.other.pk))
    assert refused.context["search_form"].errors
    assert "Robin Other" not in names(refused)
    assert client.get(url(session, organization="not-a-number")).status_code == 200


def test_people_already_enrolled_or_waiting_are_marked_and_cannot_be_chosen(
    client, partners, coordinator
):
    session = SessionFactory(capacity=1)
    seated = MembershipFactory(organization=partners.city, user=UserFactory(name="Ana Seat"))
    waiting = MembershipFactory(organization=partners.city, user=UserFactory(name="Ben Wait"))
    services.enroll(user=seated.user, session=session)
    services.enroll(user=waiting.user, session=session)
    page = client.get(url(session, q="a"))
    statuses = {m.user.name: status for m, status in page.context["rows"]}
    assert statuses["Ana Seat"] == "registered" and statuses["Ben Wait"] == "waitlisted"
    html = page.content.decode()
    assert "already registered" in html and "already on the waitlist" in html


def test_everyone_who_matches_is_enrolled_across_pages_skipping_those_enrolled(
    client, partners, coordinator
):
    team = OrganizationFactory(name="Vice Unit", parent=partners.police)
    people = [
        MembershipFactory(organization=team, user=UserFactory(name=f"Vice {n:03}"))
        for n in range(PER_PAGE + 3)
    ]
    MembershipFactory(organization=partners.city, user=UserFactory(name="Vice Not In Team"))
    session = SessionFactory(capacity=None)
    services.enroll(user=people[0].user, session=session)
    first_page = client.get(url(session, organization=team.pk))
    assert len(first_page.context["rows"]) == PER_PAGE
    response = client.post(url(session, organization=team.pk), {"everyone": "on"})
    assert len(response.context["outcomes"]) == PER_PAGE + 2
    enrolled = set(Enrollment.objects.filter(session=session).values_list("user__name", flat=True))
    assert enrolled == {p.user.name for p in people}


@pytest.mark.parametrize("members", [3, 40])
def test_the_page_reads_in_fixed_queries(
    client, partners, coordinator, django_assert_num_queries, members
):
    for n in range(members):
        MembershipFactory(organization=partners.police, user=UserFactory(name=f"Staff {n}"))
    session = SessionFactory()
    with django_assert_num_queries(10):
        client.get(url(session, q="staff"))
