"""`lookups.AnyOf`: a filter on many values sent as one array parameter."""

import pytest
from django.db.models import F

from campaign.lookups import AnyOf
from campaign.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_the_rows_whose_value_is_one_of_many():
    people = UserFactory.create_batch(3)
    wanted = [people[0].pk, people[2].pk, *range(10**9, 10**9 + 3000)]
    found = User.objects.filter(AnyOf(F("pk"), wanted))
    assert sorted(found.values_list("pk", flat=True)) == sorted([people[0].pk, people[2].pk])
    assert found.count() == 2
    assert not User.objects.filter(AnyOf(F("pk"), [])).exists()


def test_values_that_are_not_whole_numbers_are_compared_too():
    person = UserFactory(email="one@example.org")
    UserFactory(email="two@example.org")
    found = User.objects.filter(AnyOf(F("email"), ["one@example.org", "x@example.org"]))
    assert list(found) == [person]


def test_a_filter_reused_by_several_queries_and_a_subquery_finds_the_same_rows():
    person = UserFactory()
    found = User.objects.filter(AnyOf(F("pk"), [person.pk, *range(10**9, 10**9 + 3000)]))
    assert found.count() == 1
    assert list(found.order_by("pk")) == [person]
    assert list(User.objects.filter(pk__in=found.values("pk"))) == [person]
