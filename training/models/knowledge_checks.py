"""The knowledge check of an on-demand course: questions and attempts."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from training.models.courses import Course


class Question(models.Model):
    """One knowledge-check question of an on-demand course, with its choices."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=500)
    choices = models.TextField(help_text="One choice per line, in the order shown.")
    correct_choice = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)],
        help_text="The number of the right choice: 1 for the first line.",
    )
    explanation = models.CharField(
        max_length=500, blank=True, help_text="Shown after a wrong answer."
    )

    class Meta:
        ordering = ["course", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        count = len(self.choice_list)
        if count < 2:
            raise ValidationError({"choices": "Give at least two choices, one per line."})
        if self.correct_choice and self.correct_choice > count:
            raise ValidationError(
                {"correct_choice": f"There are only {count} choices: give a number from 1."}
            )


class KnowledgeCheckAttempt(models.Model):
    """One try at an on-demand course's knowledge check; a passed one is its completion."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_checks"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attempts")
    score = models.PositiveSmallIntegerField(help_text="Percent of answers right.")
    passed = models.BooleanField()
    answers = models.JSONField(default=dict, help_text="Question id → chosen choice number.")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["user", "course", "passed"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.course}: {self.score}%"
