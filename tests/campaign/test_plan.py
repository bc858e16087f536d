"""The action plan: goals, objectives and items with progress, filtered by lead and status."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import (
    ActionItemFactory,
    OrganizationFactory,
    PlanGoalFactory,
    PlanObjectiveFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    cops = OrganizationFactory(name="COPS Office", slug="cops-office")
    uscis = OrganizationFactory(name="USCIS", slug="uscis")
    goal = PlanGoalFactory(number=4, title="Improve outcomes")
    relief = PlanObjectiveFactory(goal=goal, number=1, title="Immigration relief")
    children = PlanObjectiveFactory(goal=goal, number=2, title="Child victims")
    ActionItemFactory(objective=relief, title="T visa resource guide", lead_organization=uscis,
                      status="done")  # fmt: skip
    ActionItemFactory(objective=relief, title="Roll-call videos", lead_organization=uscis,
                      status="in_progress")  # fmt: skip
    ActionItemFactory(objective=children, title="CSEC toolkit", lead_organization=cops,
                      status="done")  # fmt: skip
    ActionItemFactory(objective=children, title="Tribal training", lead_organization=cops)
    return goal


def test_progress_per_goal_and_objective(client, plan):
    response = client.get(reverse("plan"))
    goal = response.context["goals"][0]
    assert (goal.done_count, goal.item_count) == (2, 4)
    objectives = list(goal.objectives.all())
    assert [(o.done_count, o.item_count) for o in objectives] == [(1, 2), (1, 2)]
    page = response.content.decode()
    assert "2 of 4" in page and "Goal 4: Improve outcomes" in page
    assert '<progress max="4" value="2"' in page


def test_items_past_their_due_date_and_not_done_are_marked_overdue(client):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    objective = PlanObjectiveFactory(goal=PlanGoalFactory(number=1), number=1)
    for title, status, due in [
        ("Late and running", "in_progress", today - timedelta(days=1)),
        ("Late, not begun", "not_started", date(2017, 12, 31)),
        ("Done late", "done", date(2016, 9, 30)),
        ("Due tomorrow", "in_progress", today + timedelta(days=1)),
        ("No date", "in_progress", None),
    ]:
        ActionItemFactory(objective=objective, title=title, status=status, due_on=due)
    rows = client.get(reverse("plan")).content.decode().split('<th scope="row"')[1:]
    overdue = {row.split(">", 1)[1].split("<", 1)[0] for row in rows if ">Overdue<" in row}
    assert overdue == {"Late and running", "Late, not begun"}


def test_filters_by_lead_organization_and_status(client, plan):
    def shown(**params) -> list[str]:
        goals = client.get(reverse("plan"), params).context["goals"]
        return [i.title for g in goals for o in g.objectives.all() for i in o.shown_items]

    assert shown(lead="cops-office") == ["CSEC toolkit", "Tribal training"]
    assert shown(status="done") == ["T visa resource guide", "CSEC toolkit"]
    assert shown(lead="uscis", status="in_progress") == ["Roll-call videos"]
    page = client.get(reverse("plan"), {"lead": "cops-office"}).content.decode()
    assert "Child victims" in page and "Immigration relief" not in page
    # Progress stays over every item, whatever the filter shows.
    assert "2 of 4" in page


def test_bad_filters_answer_with_a_message(client, plan):
    response = client.get(reverse("plan"), {"lead": "nobody", "status": "finished"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert client.get(reverse("plan"), {"page": "x"}).status_code == 404


@pytest.mark.parametrize("count", [2, 40])
def test_plan_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        objective = PlanObjectiveFactory(goal=PlanGoalFactory())
        ActionItemFactory.create_batch(
            2, objective=objective, lead_organization=OrganizationFactory(), status="done"
        )
    with django_assert_num_queries(5):
        assert client.get(reverse("plan")).status_code == 200
