"""Evaluations: one per attendance, only by the attendee once the session is over; a
course that requires one holds its certificate back until it is answered, and answering
releases it at once; attendees are invited once, in their language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaign import scheduler
from tests.audit import logged
from tests.factories import UserFactory
from tests.training.sessions import (
    RATINGS,
    attended_ended,
    end,
    ended_session,
    evaluate,
    live_session,
    seated,
)
from training import jobs, services
from training.models import Certificate, Enrollment, Evaluation, Session

pytestmark = pytest.mark.django_db


def test_the_attendee_answers_once_and_the_answer_is_logged():
    enrollment = attended_ended()
    evaluation = services.submit_evaluation(
        enrollment=enrollment,
        submitted_by=enrollment.user,
        ratings=RATINGS,
        most_useful="  The hotline number.  ",
        to_improve="",
    )
    evaluation.refresh_from_db()
    assert (evaluation.relevant, evaluation.overall) == (5, 3)
    assert evaluation.most_useful == "The hotline number."
    assert logged(evaluation) == [("training.evaluation.submit", enrollment.user, "")]
    with pytest.raises(ValidationError) as refused:
        evaluate(enrollment, overall=5)
    assert refused.value.code == services.ALREADY_EVALUATED
    assert Evaluation.objects.get().overall == 3


@pytest.mark.parametrize(
    "case", ["someone_else", "registered", "no_show", "not_ended", "cancelled_session"]
)
def test_an_evaluation_is_refused_unless_it_is_the_attendees_own_after_the_end(case):
    session = ended_session() if case != "not_ended" else live_session()
    enrollment = seated(session)
    if case in {"someone_else", "not_ended", "cancelled_session"}:
        enrollment.status = Enrollment.Status.ATTENDED
    if case == "no_show":
        enrollment.status = Enrollment.Status.NO_SHOW
    enrollment.save()
    if case == "cancelled_session":
        Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    submitted_by = UserFactory() if case == "someone_else" else enrollment.user
    with pytest.raises(ValidationError):
        services.submit_evaluation(
            enrollment=enrollment, submitted_by=submitted_by, ratings=RATINGS
        )
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    "ratings",
    [{**RATINGS, "overall": 6}, {**RATINGS, "relevant": 0}, {"relevant": 5}, {**RATINGS, "x": 1}],
)
def test_ratings_outside_the_scale_or_missing_change_nothing(ratings):
    enrollment = attended_ended()
    with pytest.raises(ValidationError):
        services.submit_evaluation(
            enrollment=enrollment, submitted_by=enrollment.user, ratings=ratings
        )
    assert not Evaluation.objects.exists()


def test_the_database_keeps_one_evaluation_per_enrollment_and_ratings_from_1_to_5():
    enrollment = attended_ended()
    evaluate(enrollment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(enrollment=enrollment, **RATINGS)
    other = attended_ended()
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(enrollment=other, **{**RATINGS, "report": 9})


def test_a_required_evaluation_holds_the_certificate_back_until_answered(mails):
    enrollment = mails(attended_ended, issues_certificates=True, requires_evaluation=True)
    assert not Certificate.objects.exists()
    assert services.issue_due_certificates() == 0
    assert not Certificate.objects.exists()
    mail.outbox.clear()
    mails(evaluate, enrollment=enrollment)
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.user == enrollment.user and not certificate.is_revoked
    assert [m.to for m in mail.outbox] == [[enrollment.user.email]]
    assert ("training.certificate.issue", None, "") in logged(certificate)
    # Issued once: the scheduled job finds nothing more to do.
    assert services.issue_due_certificates() == 0


def test_attendance_corrections_after_answering_revoke_and_restore_as_before():
    enrollment = attended_ended(issues_certificates=True, requires_evaluation=True)
    evaluate(enrollment)
    certificate = Certificate.objects.get()
    services.mark_attendance(enrollment=enrollment, attended=False, marked_by=None)
    assert Certificate.objects.get().is_revoked
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_a_course_without_the_requirement_issues_as_before_and_answering_adds_nothing():
    enrollment = attended_ended(issues_certificates=True)
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    evaluate(enrollment)
    assert Certificate.objects.count() == 1


def test_a_required_evaluation_of_a_course_without_certificates_issues_none():
    enrollment = attended_ended(requires_evaluation=True)
    evaluate(enrollment)
    assert not Certificate.objects.exists()


def test_the_scheduled_issuing_waits_for_the_evaluation():
    """Attendance marked before the end: the job at the end issues nothing while the
    evaluation is missing, and the evaluation then issues the certificate."""
    session = live_session(course__issues_certificates=True, course__requires_evaluation=True)
    enrollment = services.mark_attendance(
        enrollment=seated(session), attended=True, marked_by=None
    )
    end(session)
    assert services.issue_due_certificates() == 0
    evaluate(enrollment)
    assert Certificate.objects.filter(enrollment=enrollment).exists()


def test_attendees_of_ended_sessions_are_invited_once_in_their_language(mails):
    spanish = attended_ended(user=UserFactory(language="es"))
    english = attended_ended(issues_certificates=True, requires_evaluation=True)
    answered = attended_ended()
    evaluate(answered)
    seated(ended_session())  # registered, never marked
    no_show = seated(ended_session())
    services.mark_attendance(enrollment=no_show, attended=False, marked_by=None)
    long_ago = attended_ended()
    Session.objects.filter(pk=long_ago.session_id).update(
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=1),
    )
    not_over = services.mark_attendance(
        enrollment=seated(live_session()), attended=True, marked_by=None
    )
    mail.outbox.clear()
    assert mails(jobs.training_evaluation_invitations) == (
        "2 attendee(s) invited to evaluate their training."
    )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {spanish.user.email, english.user.email}
    message = by_address[spanish.user.email]
    assert message.subject.endswith("Cuéntenos en dos minutos")
    assert f"/es/trainings/mine/evaluations/{spanish.pk}/" in message.body
    waiting = by_address[english.user.email]
    assert f"/trainings/mine/evaluations/{english.pk}/" in waiting.body
    assert "Your certificate is issued as soon as you answer." in waiting.body
    assert "certificado" not in message.body
    assert Enrollment.objects.filter(evaluation_invited_at__isnull=False).count() == 2
    # Idempotent: a second run invites nobody, and attendance marked later is invited then.
    assert mails(services.invite_to_evaluate) == 0
    end(not_over.session)
    assert mails(services.invite_to_evaluate) == 1


def test_the_invitations_are_a_registered_job():
    assert "training-evaluation-invitations" in scheduler.registered_jobs()
