"""Moves between sessions under concurrency, on PostgreSQL with real transactions: the
session locks keep capacity whatever arrives at once."""

import pytest

from tests.concurrency import requires_postgres, run_in_parallel
from tests.factories import SessionFactory, UserFactory
from tests.training.test_concurrency import counting_waits_for_everyone
from training import services
from training.models import Enrollment, Session

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def test_a_move_into_the_last_seat_and_an_enrollment_at_once_fill_it_once(monkeypatch):
    source = SessionFactory(capacity=5)
    target = SessionFactory(course=source.course, capacity=2)
    services.enroll(user=UserFactory(), session=target)
    mover = services.enroll(user=UserFactory(), session=source)
    newcomer = UserFactory()
    admin = UserFactory(is_staff=True)
    counting_waits_for_everyone(monkeypatch, 2)
    results = run_in_parallel(
        lambda: services.move_enrollment(enrollment=mover, to_session=target, moved_by=admin),
        lambda: services.enroll(user=newcomer, session=target),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    statuses = sorted(Enrollment.objects.filter(session=target).values_list("status", flat=True))
    assert statuses == ["registered", "registered", "waitlisted"]
    target = Session.objects.get(pk=target.pk)
    assert (target.registered_seats, target.waitlist_length) == (2, 1)


def test_two_moves_in_opposite_directions_at_once_do_not_deadlock():
    first = SessionFactory(capacity=1)
    second = SessionFactory(course=first.course, capacity=1)
    a = services.enroll(user=UserFactory(), session=first)
    b = services.enroll(user=UserFactory(), session=second)
    admin = UserFactory(is_staff=True)
    results = run_in_parallel(
        lambda: services.move_enrollment(enrollment=a, to_session=second, moved_by=admin),
        lambda: services.move_enrollment(enrollment=b, to_session=first, moved_by=admin),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    for session in (first, second):
        session = Session.objects.get(pk=session.pk)
        assert session.registered_seats + session.waitlist_length == 1
        assert session.registered_seats <= 1
