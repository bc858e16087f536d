"""Reads of evaluations: whether a certificate waits for one, the enrollment a person
evaluates, and the results summed up for trainers, coordinators and the admin, each in a
fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from campaign.models import User
from campaign.small_groups import MIN_PEOPLE, too_few_people
from campaign.typed_content import in_page_language
from training.models import Agreement, Enrollment, Evaluation, Session

SCALE = [(choice.value, choice.label) for choice in Agreement]


@dataclass
class RatingResult:
    """One rated statement over a set of answers: the average, and how many gave each value."""

    statement: str
    average: float | None
    counts: list[tuple[int, str, int]]  # (value, its label, how many answers gave it)


@dataclass
class Results:
    answers: int
    ratings: list[RatingResult]


@dataclass
class GroupAverages:
    """A group's averages as a coordinator sees them: hidden when too few answered."""

    label: str
    answers: int
    averages: list[tuple[str, float | None]]  # (statement, its average); empty when hidden
    hidden: bool = False


def awaits_evaluation(enrollment: Enrollment) -> bool:
    """True when the course holds the certificate back until this attendee has answered
    the evaluation and they have not yet."""
    return (
        enrollment.session.course.requires_evaluation
        and not Evaluation.objects.filter(enrollment_id=enrollment.pk).exists()
    )


def with_evaluated(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Adds `evaluated` (the person has answered this session's evaluation), in the same query."""
    return enrollments.annotate(
        evaluated=Exists(Evaluation.objects.filter(enrollment_id=OuterRef("pk")))
    )


def certificates_awaiting_evaluation(past: list[Enrollment]) -> list[Enrollment]:
    """Of a person's past enrollments (with `evaluated`), those whose certificate waits
    for their evaluation."""
    return [
        enrollment
        for enrollment in past
        if enrollment.status == Enrollment.Status.ATTENDED
        and enrollment.session.status != Session.Status.CANCELLED
        and enrollment.session.course.issues_certificates
        and enrollment.session.course.requires_evaluation
        and not enrollment.evaluated
    ]


def own_enrollment(user: User, pk: int) -> Enrollment | None:
    """One query: the person's own enrollment with its session and course, and `evaluated`."""
    return (
        with_evaluated(Enrollment.objects.filter(user=user, pk=pk))
        .select_related("session__course")
        .first()
    )


def _rating_aggregates() -> dict:
    aggregates = {"answers": Count("pk")}
    for name in Evaluation.RATINGS:
        aggregates[f"{name}_average"] = Avg(name)
    return aggregates


def results(evaluations: QuerySet[Evaluation]) -> Results:
    """One query: how many answered, and each rating's average and distribution."""
    aggregates = _rating_aggregates()
    for name in Evaluation.RATINGS:
        for value, _label in SCALE:
            aggregates[f"{name}_{value}"] = Count("pk", filter=Q(**{name: value}))
    row = evaluations.order_by().aggregate(**aggregates)
    return Results(
        answers=row["answers"],
        ratings=[
            RatingResult(
                statement=Evaluation.statement(name),
                average=row[f"{name}_average"],
                counts=[(value, label, row[f"{name}_{value}"]) for value, label in SCALE],
            )
            for name in Evaluation.RATINGS
        ],
    )


def of_session(session: Session) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(enrollment__session=session)


def free_texts(evaluations: QuerySet[Evaluation]) -> QuerySet:
    """The written answers, newest first, with nothing that says whose they are."""
    return (
        evaluations.exclude(most_useful="", to_improve="")
        .order_by("-submitted_at", "-pk")
        .values("most_useful", "to_improve")
    )


def statements() -> list[str]:
    return [Evaluation.statement(name) for name in Evaluation.RATINGS]


def organization_averages(
    organization_ids: set[int],
) -> tuple[GroupAverages, list[GroupAverages]]:
    """Two queries: the averages of the answers of people who enrolled for these
    organizations, all together and per course, each hidden below MIN_PEOPLE answers.

    When the hidden courses together hold fewer than MIN_PEOPLE answers, the smallest
    shown courses are hidden too, so that nobody can work a small group out of the total.
    """
    evaluations = Evaluation.objects.filter(enrollment__organization_id__in=organization_ids)
    aggregates = _rating_aggregates()
    overall_row = evaluations.order_by().aggregate(**aggregates)
    rows = (
        evaluations.values("enrollment__session__course_id")
        .annotate(title=in_page_language("enrollment__session__course__title"), **aggregates)
        .order_by("title", "enrollment__session__course_id")
    )
    overall = _group("", overall_row)
    courses = [_group(row["title"], row) for row in rows]
    _hide_small_groups(overall, courses)
    return overall, courses


def _group(label: str, row: dict) -> GroupAverages:
    averages = [
        (Evaluation.statement(name), row[f"{name}_average"]) for name in Evaluation.RATINGS
    ]
    return GroupAverages(label=label, answers=row["answers"], averages=averages)


def _hide_small_groups(overall: GroupAverages, courses: list[GroupAverages]) -> None:
    overall.hidden = overall.answers < MIN_PEOPLE
    for course in courses:
        course.hidden = too_few_people(course.answers)
    hidden_answers = sum(course.answers for course in courses if course.hidden)
    shown = sorted((course for course in courses if not course.hidden), key=lambda c: c.answers)
    while too_few_people(hidden_answers) and shown and not overall.hidden:
        smallest = shown.pop(0)
        smallest.hidden = True
        hidden_answers += smallest.answers
    for group in [overall, *courses]:
        if group.hidden:
            group.averages = []
