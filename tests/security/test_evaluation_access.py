"""Evaluation pages, asked by every kind of person.

The form: only the attendee (everyone else 404, even a campaign admin: the answers are the
person's own). A session's results: its trainers and campaign admins (everyone else 404,
another session's trainer included). An organization's averages follow the coordinator
pages' rules (its rows are with the report's, in test_training_access). The evaluation
admin and its CSV: campaign admins only.
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.training.sessions import attended_ended, ended_session, evaluate
from training.models import Evaluation

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "attendee", "trainer", "other_trainer", "campaign_admin"]


@pytest.fixture
def setting(campaign_admin):
    session = ended_session(course__issues_certificates=True, course__requires_evaluation=True)
    trainer, other_trainer = UserFactory(), UserFactory()
    session.trainers.add(trainer)
    ended_session().trainers.add(other_trainer)
    answered = attended_ended(session=session)
    evaluate(answered)
    return {
        "session": session,
        "enrollment": attended_ended(session=session),
        "people": {
            "anonymous": None,
            "outsider": UserFactory(),
            "trainer": trainer,
            "other_trainer": other_trainer,
            "campaign_admin": campaign_admin,
        },
    }


FORM_STATUS = {"anonymous": 302, "attendee": 200}
RESULTS_STATUS = {"anonymous": 302, "trainer": 200, "campaign_admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_the_form_answers_only_the_attendee(client, setting, role):
    enrollment = setting["enrollment"]
    user = enrollment.user if role == "attendee" else setting["people"][role]
    if user is not None:
        client.force_login(user)
    url = reverse("training:evaluate", args=[enrollment.pk])
    response = client.get(url)
    assert response.status_code == FORM_STATUS.get(role, 404), role
    if role == "anonymous":
        assert "/accounts/login/" in response.url
    posted = client.post(url, dict.fromkeys(Evaluation.RATINGS, "4"))
    assert posted.status_code == {"anonymous": 302, "attendee": 302}.get(role, 404), role
    assert Evaluation.objects.filter(enrollment=enrollment).exists() == (role == "attendee")


@pytest.mark.parametrize("role", ROLES)
def test_a_sessions_results_answer_only_its_trainers_and_admins(client, setting, role):
    user = setting["enrollment"].user if role == "attendee" else setting["people"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("training:session-evaluations", args=[setting["session"].pk]))
    assert response.status_code == RESULTS_STATUS.get(role, 404), role


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 200), ("outsider", 403), ("staff", 403), ("campaign_admin", 200)],
)
def test_the_evaluation_admin_and_its_csv_answer_campaign_admins_only(
    client, partners, sign_in_as, role, expected
):
    """Followed to the end: anonymous visitors land on the sign-in page."""
    sign_in_as(role)
    for name in ["admin:training_evaluation_changelist", "admin:training_evaluation_export"]:
        response = client.get(reverse(name), follow=True)
        assert response.status_code == expected, (role, name)
        signed_out = bool(response.redirect_chain) and response.redirect_chain[-1][0].startswith(
            reverse("account_login")
        )
        assert signed_out == (role == "anonymous"), (role, name)
