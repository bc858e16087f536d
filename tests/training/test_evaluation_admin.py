"""The evaluation admin: answers read-only, each filtered set summed up (count, average and
distribution per rating) and downloadable as CSV."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory, UserFactory
from tests.training.sessions import attended_ended, ended_session, evaluate
from training.models import Evaluation

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:training_evaluation_changelist"


def answers_in(session, overalls, **enrollment):
    for overall in overalls:
        enrollment_row = attended_ended(session=session)
        if enrollment:
            type(enrollment_row).objects.filter(pk=enrollment_row.pk).update(**enrollment)
        evaluate(enrollment_row, overall=overall, to_improve=f"=cmd {overall}")


def test_the_changelist_sums_up_the_filtered_answers(admin_client, trainer):
    first = ended_session(course__title="Indicators")
    first.trainers.add(trainer)
    second = ended_session(course__title="Reporting")
    answers_in(first, [2, 4])
    answers_in(second, [5])
    everything = admin_client.get(reverse(CHANGELIST))
    assert everything.status_code == 200
    assert everything.context["results"].answers == 3
    one_session = admin_client.get(reverse(CHANGELIST), {"session": first.pk})
    overall = one_session.context["results"].ratings[-1]
    assert one_session.context["results"].answers == 2
    assert overall.average == pytest.approx(3)
    assert [count for _value, _label, count in overall.counts] == [0, 1, 0, 1, 0]
    by_trainer = admin_client.get(
        reverse(CHANGELIST), {"enrollment__session__trainers__id__exact": trainer.pk}
    )
    assert by_trainer.context["results"].answers == 2
    by_course = admin_client.get(
        reverse(CHANGELIST), {"enrollment__session__course__id__exact": second.course_id}
    )
    assert by_course.context["results"].answers == 1
    assert f"?session={first.pk}" in everything.content.decode()


def test_an_answer_is_shown_read_only(admin_client):
    enrollment = attended_ended()
    evaluation = evaluate(enrollment, overall=2)
    url = reverse("admin:training_evaluation_change", args=[evaluation.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="overall"' not in page.content.decode()
    admin_client.post(url, {"overall": "5"})
    assert Evaluation.objects.get().overall == 2
    assert admin_client.get(reverse("admin:training_evaluation_add")).status_code == 403


def test_the_csv_holds_the_filtered_answers_formula_safe_and_nameless(admin_client, trainer):
    police = OrganizationFactory(name="Springfield Police")
    session = ended_session(course__title="Indicators")
    session.trainers.add(trainer)
    answers_in(session, [4], organization=police)
    answers_in(ended_session(course__title="Other"), [1])
    response = admin_client.get(
        reverse("admin:training_evaluation_export"),
        {"enrollment__organization__id__exact": police.pk},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["Submitted", "Course", "Session starts", "Trainers", "Organization"]
    assert len(rows) == 2
    row = rows[1]
    assert row[1:2] == ["Indicators"] and row[3:5] == ["Pat Trainer", "Springfield Police"]
    assert row[5:10] == ["5", "4", "4", "5", "4"]
    assert row[-1] == "'=cmd 4"
    person = Evaluation.objects.get(enrollment__organization=police).enrollment.user
    assert person.email not in ",".join(row)


def test_the_csv_is_the_admins_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("admin:training_evaluation_export")).status_code in {302, 403}


@pytest.mark.parametrize("count", [2, 20])
def test_the_changelist_runs_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, count
):
    for _ in range(count):
        answers_in(ended_session(), [4])
    with django_assert_num_queries(13):
        assert admin_client.get(reverse(CHANGELIST)).status_code == 200


def test_admins_turn_the_requirement_on_in_the_courses_admin(admin_client):
    session = ended_session()
    page = admin_client.get(reverse("admin:training_course_change", args=[session.course_id]))
    assert 'name="requires_evaluation"' in page.content.decode()
