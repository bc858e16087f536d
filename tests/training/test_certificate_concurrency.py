"""Certificates and training requests under concurrency, on PostgreSQL.

The first two tests take a lock out (the person's, the enrollment's) and show two issuers
racing past the "already issued?" check into the database constraint; the others show
each lock keeping one certificate (and one session per accepted request) whatever
arrives at once.
"""

import threading
from contextlib import suppress
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from tests.concurrency import refusals, requires_postgres, run_in_parallel
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    OnDemandCourseFactory,
    QuestionFactory,
    SessionFactory,
    StaffUserFactory,
    UserFactory,
    accept_training_request,
)
from training import checkin, services
from training.models import Certificate, Enrollment, Session, TrainingRequest

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def checking_waits_for_everyone(monkeypatch, parties: int) -> None:
    """Each issuer looks for an existing certificate, then waits for the others to look."""
    barrier = threading.Barrier(parties, timeout=2)
    look = services.certificates.existing_certificate

    def look_then_wait(**kwargs):
        found = look(**kwargs)
        with suppress(threading.BrokenBarrierError):
            barrier.wait()
        return found

    monkeypatch.setattr(services.certificates, "existing_certificate", look_then_wait)


def seat_in_a_live_session() -> Enrollment:
    start = timezone.now() - timedelta(minutes=5)
    session = SessionFactory(
        course__issues_certificates=True, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    return Enrollment.objects.create(user=UserFactory(), session=session, status="registered")


def seat_in_an_ended_session() -> Enrollment:
    """Certificates are issued once a session has ended."""
    start = timezone.now() - timedelta(hours=2)
    session = SessionFactory(
        course__issues_certificates=True, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    return Enrollment.objects.create(user=UserFactory(), session=session, status="registered")


def test_without_the_lock_two_passes_race_into_the_constraint(monkeypatch):
    course = OnDemandCourseFactory()
    question = QuestionFactory(course=course)
    person = UserFactory()
    checking_waits_for_everyone(monkeypatch, 2)
    monkeypatch.setattr(services.on_demand, "_lock_person", lambda user: None)
    results = run_in_parallel(
        *[
            lambda: services.submit_knowledge_check(
                user=person, course=course, answers={question.pk: 2}
            )
            for _ in range(2)
        ]
    )
    # Both saw no certificate; only the database's one-per-course rule stopped a second.
    assert any(isinstance(r, IntegrityError) for r in results)
    assert Certificate.objects.filter(user=person, course=course).count() == 1


def test_without_the_lock_re_marking_attended_races_into_the_constraint(monkeypatch):
    """Re-marking people already attended (say, after certificates were turned on for the
    course) changes no status, so nothing but the enrollment lock keeps two marks apart."""
    enrollment = seat_in_an_ended_session()
    Enrollment.objects.filter(pk=enrollment.pk).update(status="attended")
    checking_waits_for_everyone(monkeypatch, 2)
    monkeypatch.setattr(
        services.attendance,
        "_lock_enrollment",
        lambda e: Enrollment.objects.select_related("session__course", "user").get(pk=e.pk),
    )
    results = run_in_parallel(
        *[
            lambda: services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
            for _ in range(2)
        ]
    )
    assert any(isinstance(r, IntegrityError) for r in results)
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_re_marking_attended_twice_at_once_issues_one_certificate(monkeypatch):
    enrollment = seat_in_an_ended_session()
    Enrollment.objects.filter(pk=enrollment.pk).update(status="attended")
    checking_waits_for_everyone(monkeypatch, 2)
    results = run_in_parallel(
        *[
            lambda: services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
            for _ in range(2)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_a_trainers_mark_and_a_self_check_in_at_once_record_one_attendance(monkeypatch):
    """During the session both record attendance; neither issues a certificate yet."""
    enrollment = seat_in_a_live_session()
    session = enrollment.session
    mail.outbox.clear()
    trainer = UserFactory()
    token = checkin.code_for(session).token
    results = run_in_parallel(
        lambda: services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer),
        lambda: services.check_in(user=enrollment.user, session=session, token=token),
        lambda: services.check_in(user=enrollment.user, session=session, token=token),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert not Certificate.objects.filter(enrollment=enrollment).exists()
    assert Enrollment.objects.get(pk=enrollment.pk).status == "attended"
    assert not [m for m in mail.outbox if m.to == [enrollment.user.email]]


def test_without_the_lock_the_job_and_a_trainers_mark_race_into_the_constraint(monkeypatch):
    enrollment = seat_in_an_ended_session()
    Enrollment.objects.filter(pk=enrollment.pk).update(status="attended")
    checking_waits_for_everyone(monkeypatch, 2)
    unlocked = Enrollment.objects.select_related("session__course", "user")
    monkeypatch.setattr(services.attendance, "_lock_enrollment", lambda e: unlocked.get(pk=e.pk))
    monkeypatch.setattr(
        Enrollment.objects, "select_for_update", lambda **kwargs: Enrollment.objects.all()
    )
    monkeypatch.setattr(
        services.attendance, "for_each_due", lambda enrollments, act: sum(map(act, enrollments))
    )
    trainer = UserFactory()
    results = run_in_parallel(
        lambda: services.issue_due_certificates(),
        lambda: services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer),
    )
    assert any(isinstance(r, IntegrityError) for r in results)
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_the_job_and_a_trainers_mark_after_the_end_issue_one_certificate(monkeypatch):
    """The scheduled job and a trainer marking attendance after the end, at once (and a
    second run of the job overlapping the first): one certificate, one email."""
    enrollment = seat_in_an_ended_session()
    Enrollment.objects.filter(pk=enrollment.pk).update(status="attended")
    checking_waits_for_everyone(monkeypatch, 3)
    mail.outbox.clear()
    trainer = UserFactory()
    results = run_in_parallel(
        lambda: services.issue_due_certificates(),
        lambda: services.issue_due_certificates(),
        lambda: services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert len([m for m in mail.outbox if m.to == [enrollment.user.email]]) == 1


def test_two_passing_knowledge_checks_at_once_issue_one_certificate(monkeypatch):
    course = OnDemandCourseFactory()
    question = QuestionFactory(course=course)
    person = UserFactory()
    checking_waits_for_everyone(monkeypatch, 2)
    results = run_in_parallel(
        *[
            lambda: services.submit_knowledge_check(
                user=person, course=course, answers={question.pk: 2}
            )
            for _ in range(2)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Certificate.objects.filter(user=person, course=course).count() == 1
    assert course.attempts.filter(user=person, passed=True).count() == 2


def test_two_admins_accepting_one_request_at_once_create_one_session():
    coordinator = MembershipFactory(role="coordinator").user
    organization = coordinator.memberships.get().organization
    training_request = services.submit_training_request(
        requested_by=coordinator,
        organization=organization,
        course=CourseFactory(),
        audience="Officers",
        expected_attendees=20,
        delivery="online",
        preferred_dates="March",
    )
    start = timezone.now() + timedelta(days=10)
    results = run_in_parallel(
        *[
            lambda a=a: accept_training_request(training_request, decided_by=a, starts_at=start)
            for a in StaffUserFactory.create_batch(3)
        ]
    )
    assert sum(isinstance(r, Session) for r in results) == 1
    assert refusals(results) == 2
    assert Session.objects.count() == 1
    assert TrainingRequest.objects.get().status == "accepted"
