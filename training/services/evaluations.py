"""Evaluations: an attendee answers once per enrollment; answering releases a certificate
that waited for it; attendees of ended sessions are invited once, by email."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.emails import absolute_url, send_portal_mail
from campaign.models import User
from training import access
from training.models import Enrollment, Evaluation, Session
from training.services import certificates
from training.services.attendance import _lock_enrollment
from training.services.enrollment import for_each_due

ALREADY_EVALUATED = "already_evaluated"

# Sessions that ended longer ago are not invited (the first run after this feature
# arrives must not mail everyone who ever attended); their attendees can still answer
# from My trainings.
INVITE_WITHIN = timedelta(days=30)


def submit_evaluation(
    *,
    enrollment: Enrollment,
    submitted_by: User,
    ratings: dict[str, int],
    most_useful: str = "",
    to_improve: str = "",
) -> Evaluation:
    """Records the attendee's one evaluation of the session and, when the course holds its
    certificate back until then, issues the certificate in the same transaction.

    Locks the enrollment (the lock certificate issuance takes), so two submissions, or a
    submission and the scheduled issuing job, settle on one evaluation and one certificate;
    the one-to-one on the enrollment backs this in the database. Refuses (changing nothing)
    another person's enrollment, a session not attended or not over, a second evaluation
    (code ALREADY_EVALUATED) and ratings outside 1 to 5.
    """
    now = timezone.now()
    with transaction.atomic():
        enrollment = _lock_enrollment(enrollment)
        problem = access.evaluation_problem(enrollment, submitted_by, now=now)
        if problem:
            raise ValidationError(problem)
        if Evaluation.objects.filter(enrollment=enrollment).exists():
            raise ValidationError(
                _("You have already evaluated this training. Thank you."),
                code=ALREADY_EVALUATED,
            )
        if set(ratings) != set(Evaluation.RATINGS):
            raise ValidationError(_("Answer every rating."))
        evaluation = Evaluation(
            enrollment=enrollment,
            most_useful=most_useful.strip(),
            to_improve=to_improve.strip(),
            submitted_at=now,
            **ratings,
        )
        evaluation.full_clean(exclude=["enrollment"])
        evaluation.save()
        log_action(actor=submitted_by, action="training.evaluation.submit", target=evaluation)
        certificates.settle_certificate(enrollment, marked_by=None, now=now)
    return evaluation


def evaluation_url(enrollment: Enrollment) -> str:
    return absolute_url(reverse("training:evaluate", kwargs={"pk": enrollment.pk}))


def invite_to_evaluate(*, now: datetime | None = None) -> int:
    """Emails each attendee of a session that ended (within INVITE_WITHIN) once, in their
    language, with the link to the evaluation; returns how many were invited.

    Marks each invitation in the transaction that queues it, skipping rows another run
    holds, so overlapping runs never invite twice. Attendance recorded after the end is
    invited at the next run; someone who already answered is not invited.
    """
    now = now or timezone.now()

    def invite(enrollment: Enrollment) -> int:
        enrollment.evaluation_invited_at = now
        enrollment.save(update_fields=["evaluation_invited_at"])
        course = enrollment.session.course
        send_portal_mail(
            template="training/email/evaluation_invitation",
            to=[enrollment.user.email],
            context={
                "enrollment": enrollment,
                "session": enrollment.session,
                "course": course,
                "certificate_waits": course.issues_certificates and course.requires_evaluation,
                "evaluation_url": evaluation_url(enrollment),
            },
        )
        return 1

    return for_each_due(
        Enrollment.objects.filter(
            status=Enrollment.Status.ATTENDED,
            evaluation_invited_at__isnull=True,
            evaluation__isnull=True,
            session__ends_at__lte=now,
            session__ends_at__gt=now - INVITE_WITHIN,
        ).exclude(session__status=Session.Status.CANCELLED),
        invite,
    )
