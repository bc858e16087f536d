"""Evaluations (Kirkpatrick level 1): what an attendee thought of a session they attended."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.models.sessions import Enrollment


class Agreement(models.IntegerChoices):
    """The one scale every rating uses."""

    STRONGLY_DISAGREE = 1, _("Strongly disagree")
    DISAGREE = 2, _("Disagree")
    NEUTRAL = 3, _("Neither agree nor disagree")
    AGREE = 4, _("Agree")
    STRONGLY_AGREE = 5, _("Strongly agree")


def rating_field(statement) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        statement,
        choices=Agreement.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class Evaluation(models.Model):
    """One attendee's answers about one session: fixed ratings and two free texts.

    One per enrollment (the one-to-one is unique in the database). Coordinators see only
    averages over enough answers (campaign.small_groups); nobody but campaign admins sees
    whose answers these are.
    """

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="evaluation"
    )
    relevant = rating_field(_("The content was relevant to my work."))
    recognize = rating_field(_("I can now recognize indicators of human trafficking."))
    report = rating_field(_("I know how to report a suspicion of human trafficking."))
    trainer_clear = rating_field(_("The trainer was clear."))
    overall = rating_field(_("Overall, the training was worth my time."))
    most_useful = models.TextField(_("What was most useful?"), blank=True, max_length=2000)
    to_improve = models.TextField(_("What could be improved?"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(default=timezone.now)

    RATINGS = ("relevant", "recognize", "report", "trainer_clear", "overall")
    FREE_TEXTS = ("most_useful", "to_improve")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relevant__range=(1, 5))
                & Q(recognize__range=(1, 5))
                & Q(report__range=(1, 5))
                & Q(trainer_clear__range=(1, 5))
                & Q(overall__range=(1, 5)),
                name="evaluation_ratings_from_1_to_5",
                violation_error_message="Each rating is from 1 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluation of {self.enrollment_id}"

    @classmethod
    def statement(cls, name: str) -> str:
        """The rated statement, as the person read it."""
        return cls._meta.get_field(name).verbose_name
