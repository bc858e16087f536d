"""The evaluation pages: the attendee's form (in their language), where My trainings
points to it and says a certificate waits for it, a trainer's results of a session, and
the averages a coordinator sees only over enough answers."""

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, MembershipFactory, SessionFactory, UserFactory
from tests.training.sessions import RATINGS, attended_ended, ended_session, evaluate
from training.models import Certificate, Course, Evaluation

pytestmark = pytest.mark.django_db

# The form's POST data: the usual ratings, and both comments.
ANSWERS = {
    **{name: str(rating) for name, rating in RATINGS.items()},
    "most_useful": "The indicator cards.",
    "to_improve": "More time for questions.",
}


def test_my_trainings_asks_for_the_evaluation_and_says_the_certificate_waits(client):
    enrollment = attended_ended(issues_certificates=True, requires_evaluation=True)
    client.force_login(enrollment.user)
    page = client.get(reverse("training:mine")).content.decode()
    evaluate_url = reverse("training:evaluate", args=[enrollment.pk])
    assert page.count(f'href="{evaluate_url}"') == 2
    assert "Answer the evaluation to receive your certificate." in page
    evaluate(enrollment)
    page = client.get(reverse("training:mine")).content.decode()
    assert evaluate_url not in page
    assert "Evaluation sent" in page
    assert "Answer the evaluation to receive your certificate." not in page
    assert Certificate.objects.get().code in page


def test_the_form_in_spanish_releases_the_certificate(client):
    enrollment = attended_ended(
        user=UserFactory(language="es"), issues_certificates=True, requires_evaluation=True
    )
    client.force_login(enrollment.user)
    url = f"/es/trainings/mine/evaluations/{enrollment.pk}/"
    page = client.get(url).content.decode()
    for spanish in [
        "El contenido fue pertinente para mi trabajo.",
        "Totalmente de acuerdo",
        "¿Qué se podría mejorar?",
        "Su certificado se emite en cuanto envíe sus respuestas.",
        "Enviar mi evaluación",
    ]:
        assert spanish in page
    response = client.post(url, ANSWERS, follow=True)
    assert response.redirect_chain[-1][0] == "/es/trainings/mine/"
    assert "Gracias por su evaluación. Su certificado está listo más abajo." in (
        response.content.decode()
    )
    evaluation = Evaluation.objects.get()
    assert (evaluation.enrollment, evaluation.overall) == (enrollment, 3)
    assert Certificate.objects.filter(enrollment=enrollment).exists()


def test_a_form_without_every_rating_says_which_and_stores_nothing(client):
    enrollment = attended_ended()
    client.force_login(enrollment.user)
    response = client.post(
        reverse("training:evaluate", args=[enrollment.pk]), {**ANSWERS, "report": ""}
    )
    assert response.status_code == 200
    assert "Choose how much you agree with this." in response.content.decode()
    assert not Evaluation.objects.exists()
    bad = client.post(
        reverse("training:evaluate", args=[enrollment.pk]), {**ANSWERS, "report": "7"}
    )
    assert bad.status_code == 200 and not Evaluation.objects.exists()


def test_the_form_of_an_answered_or_unfinished_training_sends_back_to_my_trainings(client):
    answered = attended_ended()
    evaluate(answered)
    client.force_login(answered.user)
    response = client.get(reverse("training:evaluate", args=[answered.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("training:mine")
    assert "You have already evaluated this training. Thank you." in response.content.decode()
    registered = SessionFactory().enrollments.create(user=answered.user, status="registered")
    response = client.post(reverse("training:evaluate", args=[registered.pk]), ANSWERS)
    assert response.status_code == 302
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize("count", [1, 12])
def test_the_form_and_my_trainings_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    person = UserFactory()
    for _ in range(count):
        enrollment = attended_ended(
            user=person, issues_certificates=True, requires_evaluation=True
        )
    client.force_login(person)
    with django_assert_num_queries(3):
        assert client.get(reverse("training:evaluate", args=[enrollment.pk])).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(reverse("training:mine")).status_code == 200


def answered_session(count: int, **course):
    session = ended_session(**course)
    for index in range(count):
        enrollment = attended_ended(session=session, user=UserFactory(name=f"Attendee {index}"))
        evaluate(
            enrollment,
            overall=1 + index % 5,
            most_useful=f"Useful {index}" if index % 2 else "",
        )
    return session


def test_a_trainer_sees_averages_distribution_and_written_answers_without_names(client, trainer):
    session = answered_session(4)
    session.trainers.add(trainer)
    client.force_login(trainer)
    response = client.get(reverse("training:session-evaluations", args=[session.pk]))
    page = response.content.decode()
    overall = response.context["results"].ratings[-1]
    assert response.context["results"].answers == 4
    assert overall.average == pytest.approx(2.5)
    assert [count for _value, _label, count in overall.counts] == [1, 1, 1, 1, 0]
    assert "Useful 1" in page and "Useful 3" in page
    assert "Attendee" not in page
    teaching = client.get(reverse("training:teaching")).content.decode()
    assert reverse("training:session-evaluations", args=[session.pk]) in teaching


@pytest.mark.parametrize("count", [2, 30])
def test_the_results_page_runs_a_fixed_number_of_queries(
    client, trainer, django_assert_num_queries, count
):
    session = answered_session(count)
    session.trainers.add(trainer)
    client.force_login(trainer)
    with django_assert_num_queries(7):
        response = client.get(reverse("training:session-evaluations", args=[session.pk]))
    assert len(response.context["page_obj"].object_list) == min(count // 2, 20)


def coordinated(partners, courses: dict[str, int]):
    """Answers from people who enrolled for the police department, `count` per course title."""
    for title, count in courses.items():
        course = Course.objects.filter(title=title).first() or CourseFactory(title=title)
        session = ended_session(course=course)
        for _ in range(count):
            person = MembershipFactory(organization=partners.police).user
            enrollment = session.enrollments.create(
                user=person, status="attended", organization=partners.police
            )
            evaluate(enrollment, most_useful=f"Secret remark on {title}")


def test_a_coordinator_sees_averages_only_over_five_answers_and_never_free_text(client, partners):
    coordinated(partners, {"Indicators": 4})
    client.force_login(partners.police_coordinator)
    url = reverse("training:report-evaluations", args=[partners.police.slug])
    page = client.get(url).content.decode()
    assert "Too few answers to show without identifying people." in page
    assert "3.0" not in page and "Secret remark" not in page
    coordinated(partners, {"Indicators": 1})
    response = client.get(url)
    page = response.content.decode()
    assert "Too few answers" not in page
    assert [row.label for row in response.context["page_obj"]] == ["Indicators"]
    assert "3.0" in page and "4.0" in page and "Secret remark" not in page
    # The city's coordinator sees the department's answers with the city's.
    client.force_login(partners.city_coordinator)
    city = client.get(reverse("training:report-evaluations", args=[partners.city.slug]))
    assert city.context["overall"].answers == 5


def test_a_small_course_hidden_alone_takes_the_next_smallest_with_it(client, partners):
    """Seven answers over all, five on one course and two on another: showing the five
    would let anyone work out the two from the total."""
    coordinated(partners, {"Big": 6, "Middle": 5, "Small": 2})
    client.force_login(partners.police_coordinator)
    response = client.get(reverse("training:report-evaluations", args=[partners.police.slug]))
    shown = {row.label: row.hidden for row in response.context["page_obj"]}
    assert shown == {"Big": False, "Middle": True, "Small": True}
    assert not response.context["overall"].hidden


@pytest.mark.parametrize("courses", [1, 8])
def test_the_coordinator_page_runs_a_fixed_number_of_queries(
    client, partners, django_assert_num_queries, courses
):
    coordinated(partners, {f"Course {index}": 5 for index in range(courses)})
    client.force_login(partners.police_coordinator)
    with django_assert_num_queries(8):
        response = client.get(reverse("training:report-evaluations", args=[partners.police.slug]))
    assert len(response.context["page_obj"].object_list) == courses
