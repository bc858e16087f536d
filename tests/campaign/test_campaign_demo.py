"""The demo's news, reported figures and action plan come from the seed documents."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaign.models import ActionItem, ImpactFigure, NewsPost, Pillar, PlanGoal, PlanObjective
from campaign.site import impact

pytestmark = pytest.mark.django_db


def test_load_demo_loads_news_figures_and_plan_once(client):
    call_command("load_demo")
    call_command("load_demo")
    assert NewsPost.objects.filter(status="published").count() == 6
    assert NewsPost.objects.filter(status="draft").count() == 1
    titles = " ".join(NewsPost.objects.values_list("title", flat=True))
    for words in ["webinar", "CACEO", "Department of Education and GSA", "Los Angeles"]:
        assert words.lower() in titles.lower()
    ice = {f.label: f.display_value for f in ImpactFigure.objects.filter(year=2013)}
    assert ice == {
        "trafficking cases opened": "about 1,025",
        "convictions": "816",
        "victims identified": "more than 330",
    }
    assert list(PlanGoal.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
    items = set(ActionItem.objects.values_list("title", flat=True))
    assert len(items) == 12 and any("tribal law enforcement" in t for t in items)
    assert all(p.description for p in Pillar.objects.all())
    assert impact.totals().people_trained >= impact.MIN_PEOPLE
    for name in ["home", "news-list", "impact", "plan"]:
        assert client.get(reverse(name)).status_code == 200


def test_the_demo_plan_reads_as_a_2013_2017_plan_seen_today(client):
    """Items with a product in the demo are done; what still runs is in progress and marked
    overdue; nothing from a plan that ended in 2017 is still waiting to start, and every
    objective has an item."""
    call_command("load_demo")
    statuses = list(ActionItem.objects.values_list("status", flat=True))
    assert statuses.count("done") == 8 and statuses.count("in_progress") == 4
    assert "not_started" not in statuses
    assert not PlanObjective.objects.filter(items=None).exists()
    assert client.get(reverse("plan")).content.decode().count(">Overdue<") == 4


def test_the_demo_attendees_hold_their_certificates_as_soon_as_it_is_loaded():
    """The attendance the impact page counts is recorded as attendance is: each attendee of
    an ended certifying session holds a certificate of the day they attended, so the
    scheduler finds nothing left to issue."""
    from training.models import Certificate, Enrollment
    from training.services import issue_due_certificates

    call_command("load_demo", verbosity=0)
    attendees = Enrollment.objects.filter(user__email__startswith="attendee")
    assert attendees.count() == 33
    certificates = Certificate.objects.filter(enrollment__in=attendees)
    assert certificates.count() == 33
    assert all(c.issued_on == c.enrollment.session.local_start.date() for c in certificates)
    assert issue_due_certificates() == 0
