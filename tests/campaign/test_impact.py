"""The impact page: figures from the portal's records, suppressed small counts, downloads."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Audience
from campaign.site import impact
from resources import services as resource_services
from tests.factories import (
    ImpactFigureFactory,
    OrganizationFactory,
    ResourceFactory,
    SessionFactory,
    StaffUserFactory,
    UserFactory,
    place_material_order,
)
from training import services as training_services
from training.models import Certificate, Enrollment, Session

pytestmark = pytest.mark.django_db


def attend(session, count: int, *, organization=None) -> list:
    people = UserFactory.create_batch(count)
    for person in people:
        Enrollment.objects.create(
            user=person, session=session, organization=organization, status="attended"
        )
    return people


def completed_session(*, days_ago: int = 10, audience: str = "law-enforcement"):
    starts = timezone.now() - timedelta(days=days_ago)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=1))
    session.status = "completed"
    session.save()
    session.course.audiences.add(Audience.objects.get(slug=audience))
    return session


def section(key: str):
    return next(b for b in impact.breakdowns() if b.key == key)


def values(breakdown) -> dict:
    return {row.label: row.value for row in breakdown.rows}


def test_active_partners_by_kind_and_state():
    OrganizationFactory.create_batch(2, kind="federal", state="DC")
    OrganizationFactory(kind="association", state="CA")
    OrganizationFactory(kind="international", state="", country="GT")
    OrganizationFactory(kind="ngo", state="CA", status="inactive")
    assert values(section("partners_by_kind")) == {
        "Federal agency": 2,
        "Professional association": 1,
        "International": 1,
    }
    assert values(section("partners_by_state")) == {
        "California": 1,
        "District of Columbia": 2,
        "Outside the U.S. or no state given": 1,
    }


def test_people_trained_counts_attendance_only_and_suppresses_small_counts():
    session = completed_session()
    attend(session, 9, organization=OrganizationFactory(kind="state_local"))
    attend(session, 6, organization=OrganizationFactory(kind="federal"))
    attend(session, 2, organization=OrganizationFactory(kind="tribal"))  # could be recognized
    for status in ["registered", "no_show", "cancelled"]:
        Enrollment.objects.create(user=UserFactory(), session=session, status=status)
    assert values(section("trained_by_organization_kind")) == {
        "Federal agency": None,  # hidden too, or the total would give the tribal count away
        "State or local government": 9,
        "Tribal government": None,
    }
    assert values(section("trained_by_audience")) == {"Law enforcement": 17}
    assert impact.totals().people_trained == 17
    assert impact.totals().sessions_delivered == 1


def test_two_small_cells_hide_each_other_and_zero_cells_are_not_hidden():
    rows = impact.people_rows([("A", 3), ("B", 4), ("C", 0), ("D", 12)])
    assert [row.value for row in rows] == [None, None, 0, 12]
    rows = impact.people_rows([("A", 3), ("B", 0), ("C", 12), ("D", 7)])
    assert [row.value for row in rows] == [None, 0, 12, None]


def test_a_total_below_the_threshold_is_suppressed_too():
    attend(completed_session(), 3)
    assert impact.totals().people_trained is None


def test_month_by_month_covers_the_last_twelve_months():
    attend(completed_session(days_ago=1), 5)
    attend(completed_session(days_ago=800), 7)  # older than the window
    months = section("trained_by_month")
    assert len(months.rows) == 12
    this_month = timezone.localdate().strftime("%b %Y")
    start = (timezone.now() - timedelta(days=1)).astimezone(timezone.get_current_timezone())
    assert values(months)[start.strftime("%b %Y")] == 5
    assert months.rows[-1].label == this_month
    assert section("sessions_by_month").total == 1


def test_page_shows_charts_with_tables_and_reported_figures(client):
    attend(completed_session(), 6, organization=OrganizationFactory(kind="education"))
    ImpactFigureFactory(label="convictions", value=816, qualifier="", year=2013, source="ICE")
    response = client.get(reverse("impact"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<svg") == len(impact.breakdowns())
    assert 'aria-hidden="true"' in page and "<caption" in page
    assert '<th scope="row">Education</th><td class="text-right">6</td>' in page
    assert "816 convictions" in page and "ICE" in page
    assert 'href="/impact/impact.csv"' in page and 'href="/impact/impact.json"' in page
    assert " style=" not in page and "<style" not in page


def test_no_figure_names_a_person(client):
    people = attend(completed_session(), 6, organization=OrganizationFactory(kind="education"))
    outputs = [
        client.get(reverse(name)).getvalue().decode()
        for name in ["impact", "impact-csv", "impact-json"]
    ]
    for person in people:
        for output in outputs:
            assert person.email not in output and person.name not in output


def test_csv_and_json_carry_the_same_aggregates(client):
    attend(completed_session(), 6, organization=OrganizationFactory(kind="education"))
    attend(completed_session(), 8, organization=OrganizationFactory(kind="ngo"))
    attend(completed_session(), 1, organization=OrganizationFactory(kind="tribal"))
    ImpactFigureFactory(label="victims identified", value=330, qualifier="more than")
    response = client.get(reverse("impact-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    by_label = {(r["section"], r["label"]): r for r in rows}
    assert (
        by_label["trained_by_organization_kind", "Non-governmental organization"]["value"] == "8"
    )
    tribal = by_label["trained_by_organization_kind", "Tribal government"]
    assert tribal["value"] == "" and tribal["note"] == "fewer than 5"
    assert by_label["reported_figures", "victims identified"]["value"] == "330"

    data = json.loads(client.get(reverse("impact-json")).content)
    kinds = {r["label"]: r for r in data["sections"]["trained_by_organization_kind"]["rows"]}
    assert kinds["Non-governmental organization"]["value"] == 8
    assert kinds["Education"] == {"label": "Education", "value": None, "suppressed": True}
    assert kinds["Tribal government"]["value"] is None and kinds["Tribal government"]["suppressed"]
    assert data["totals"]["people_trained"] == 15
    assert data["suppressed_below"] == impact.MIN_PEOPLE
    assert data["reported_figures"][0]["qualifier"] == "more than"
    csv_rows = [r for r in rows if r["section"] != "reported_figures"]
    json_rows = [r for s in data["sections"].values() for r in s["rows"]]
    assert len(csv_rows) == len(json_rows)


def test_downloads_answer_only_get(client):
    assert client.post(reverse("impact-csv")).status_code == 405
    assert client.post(reverse("impact-json")).status_code == 405


def certify(count: int) -> list:
    """People who attended a certifying course, marked through the training service."""
    session = SessionFactory(course__issues_certificates=True)
    people = UserFactory.create_batch(count)
    enrollments = [training_services.enroll(user=p, session=session) for p in people]
    # The session then takes place: attendance is taken from just before its start.
    starts = timezone.now() - timedelta(minutes=10)
    Session.objects.filter(pk=session.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    trainer = StaffUserFactory()
    for enrollment in enrollments:
        training_services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
    # Certificates come once the session has ended.
    Session.objects.filter(pk=session.pk).update(ends_at=timezone.now())
    training_services.issue_due_certificates()
    return people


def test_certificates_issued_count_valid_certificates_and_hide_small_counts():
    certify(6)
    this_month = timezone.localdate().strftime("%b %Y")
    assert values(section("certificates_by_month"))[this_month] == 6
    assert impact.totals().certificates_issued == 6
    certificate = Certificate.objects.first()
    training_services.revoke_certificate(
        certificate=certificate, revoked_by=StaffUserFactory(), reason="Issued in error."
    )
    assert impact.totals().certificates_issued == 5
    training_services.revoke_certificate(
        certificate=Certificate.objects.filter(revoked_at__isnull=True).first(),
        revoked_by=StaffUserFactory(),
        reason="Issued in error.",
    )
    assert impact.totals().certificates_issued is None
    assert values(section("certificates_by_month"))[this_month] is None


def test_downloads_and_printed_copies_shipped_month_by_month():
    poster = ResourceFactory(orderable=True)
    card = ResourceFactory(orderable=True)
    for _ in range(3):
        resource_services.record_download(resource=poster)
    resource_services.record_download(resource=card)
    shipped = place_material_order(items=[(poster, 40), (card, 10)])
    resource_services.approve_order(order=shipped, decided_by=None)
    resource_services.ship_order(order=shipped, shipped_by=None)
    approved = place_material_order(items=[(poster, 25)])
    resource_services.approve_order(order=approved, decided_by=None)
    this_month = timezone.now().astimezone(timezone.get_current_timezone()).strftime("%b %Y")
    assert values(section("downloads_by_month"))[this_month] == 4
    assert values(section("copies_shipped_by_month"))[this_month] == 50
    totals = impact.totals()
    assert (totals.materials_downloaded, totals.copies_shipped) == (4, 50)


def test_the_months_of_the_kept_figures_are_written_in_each_page_s_language(client):
    """The figures are computed once and kept; each page writes their months in its own
    language: "Feb 2026" on the English page, "feb 2026" on the Spanish one."""
    attend(completed_session(days_ago=0), 6)
    impact.refresh_impact_figures()
    month = timezone.localdate()
    english = client.get(reverse("impact")).content.decode()
    spanish = client.get("/es" + reverse("impact")).content.decode()
    assert f'<th scope="row">{month:%b %Y}</th>' in english
    spanish_months = ["ene", "feb", "mar", "abr", "may", "jun"]
    spanish_months += ["jul", "ago", "sep", "oct", "nov", "dic"]
    spanish_month = f"{spanish_months[month.month - 1]} {month.year}"
    assert f'<th scope="row">{spanish_month}</th>' in spanish


@pytest.mark.parametrize("count", [2, 40])
def test_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for index in range(count):
        organization = OrganizationFactory(kind="state_local" if index % 2 else "federal")
        attend(completed_session(days_ago=index * 9 + 1), 1, organization=organization)
        ImpactFigureFactory()
        resource_services.record_download(resource=ResourceFactory())
    with django_assert_num_queries(16):
        assert client.get(reverse("impact")).status_code == 200
