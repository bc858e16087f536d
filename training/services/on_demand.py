"""On-demand courses: the knowledge check, which issues the certificate on a pass (the
person is locked so it is issued once)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.models import User
from training.models import (
    Certificate,
    Course,
    Enrollment,
    KnowledgeCheckAttempt,
)
from training.services import certificates

Status = Enrollment.Status


def _lock_person(user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).first()


@dataclass
class KnowledgeCheckResult:
    attempt: KnowledgeCheckAttempt
    wrong: set[int] = field(default_factory=set)  # question ids answered wrongly
    certificate: Certificate | None = None
    issued: bool = False  # the certificate was issued by this pass


def submit_knowledge_check(
    *, user: User, course: Course, answers: dict[int, int]
) -> KnowledgeCheckResult:
    """Grades a try at the knowledge check and records it.

    A pass at or above the course's pass mark is the course's completion; the first pass of
    a certifying course issues its one certificate. Locks the person's row, so two passes
    submitted at once still make one certificate.
    """
    if not course.is_on_demand or not course.published:
        raise ValidationError(_("This course has no knowledge check."))
    questions = list(course.questions.all())
    if not questions:
        raise ValidationError(_("This course has no knowledge check yet."))
    unanswered = [q for q in questions if q.pk not in answers]
    if unanswered:
        raise ValidationError(_("Answer every question before you submit."))
    wrong = {q.pk for q in questions if answers[q.pk] != q.correct_choice}
    score = round(100 * (len(questions) - len(wrong)) / len(questions))
    passed = score >= course.pass_mark
    with transaction.atomic():
        _lock_person(user)
        attempt = KnowledgeCheckAttempt.objects.create(
            user=user,
            course=course,
            score=score,
            passed=passed,
            answers={str(q.pk): answers[q.pk] for q in questions},
        )
        log_action(
            actor=user,
            action="training.knowledge_check.submit",
            target=attempt,
            data={"score": score, "passed": passed},
        )
        certificate, issued = None, False
        if passed and course.issues_certificates:
            certificate = certificates.existing_certificate(
                user=user, course=course, enrollment=None
            )
            if certificate is None:
                certificate = certificates.issue_certificate(
                    user=user, course=course, enrollment=None, completed_on=timezone.localdate()
                )
                issued = True
    return KnowledgeCheckResult(
        attempt=attempt, wrong=wrong, certificate=certificate, issued=issued
    )
