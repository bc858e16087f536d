"""The organization's training report and the roster's count of trainings completed."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    MembershipFactory,
    OnDemandCourseFactory,
    QuestionFactory,
    SessionFactory,
    UserFactory,
)
from training import report_queries, services
from training.models import Certificate, Course, Enrollment

pytestmark = pytest.mark.django_db


def past_session(title: str, days_ago: int = 10):
    start = timezone.now() - timedelta(days=days_ago)
    return SessionFactory(course__title=title, starts_at=start, ends_at=start + timedelta(hours=1))


def history(partners):
    """Police staff: one attended, one missed, one upcoming, one on-demand pass; a city
    member (the parent) and a Shelbyville member who must not appear under the police."""
    staff = partners.police_staff
    attended = past_session("Awareness Webinar")
    Enrollment.objects.create(user=staff, session=attended, status="attended")
    missed = past_session("School Staff Indicators", days_ago=40)
    Enrollment.objects.create(user=staff, session=missed, status="no_show")
    services.enroll(user=staff, session=SessionFactory(course__title="Investigations"))
    course = OnDemandCourseFactory(title="Routine Duties")
    question = QuestionFactory(course=course)
    services.submit_knowledge_check(user=staff, course=course, answers={question.pk: 2})
    outsider = MembershipFactory(organization=partners.other).user
    Enrollment.objects.create(user=outsider, session=attended, status="attended")
    return staff


def test_the_report_lists_each_person_and_totals_per_course(client, partners):
    staff = history(partners)
    client.force_login(partners.city_coordinator)
    response = client.get(reverse("training:report", args=[partners.city.slug]))
    rows = {row.membership.user: row for row in response.context["rows"]}
    row = rows[staff]
    assert sorted(row.completed) == ["Awareness Webinar", "Routine Duties"]
    assert row.upcoming == ["Investigations"] and row.missed == ["School Staff Indicators"]
    totals = {
        c.title: (c.completed, c.upcoming, c.missed, c.waitlisted)
        for c in response.context["totals"]
    }
    assert totals == {
        "Awareness Webinar": (1, 0, 0, 0),
        "Investigations": (0, 1, 0, 0),
        "Routine Duties": (1, 0, 0, 0),
        "School Staff Indicators": (0, 0, 1, 0),
    }
    assert partners.other_coordinator not in rows  # another organization's people


def test_the_date_range_filters_and_bad_dates_get_a_message(client, partners):
    history(partners)
    client.force_login(partners.police_coordinator)
    url = reverse("training:report", args=[partners.police.slug])
    since = (timezone.localdate() - timedelta(days=20)).isoformat()
    until = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.get(url, {"start": since, "end": until})
    totals = {c.title for c in response.context["totals"]}
    assert totals == {"Awareness Webinar"}
    response = client.get(url, {"start": "yesterday", "end": since, "page": "x"})
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    response = client.get(url, {"start": until, "end": since})
    assert "on or after the start date" in response.content.decode()


def test_the_csv_export_has_a_row_per_person(client, partners):
    staff = history(partners)
    client.force_login(partners.police_coordinator)
    response = client.get(reverse("training:report-csv", args=[partners.police.slug]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0][:6] == ["Name", "Email", "Organization", "Completed", "Upcoming", "Missed"]
    assert rows[0][6:] == ["Waitlisted", "Completed on", "Certificate codes"]
    mine = next(r for r in rows if r[1] == staff.email)
    assert mine[3] in {"Awareness Webinar; Routine Duties", "Routine Duties; Awareness Webinar"}
    assert mine[5] == "School Staff Indicators"


def test_only_the_organizations_managers_see_the_report(client, partners):
    url = reverse("training:report", args=[partners.police.slug])
    assert client.get(url).status_code == 302
    client.force_login(partners.police_staff)
    assert client.get(url).status_code == 403
    client.force_login(partners.other_coordinator)
    assert client.get(url).status_code == 403
    client.force_login(partners.police_coordinator)
    assert client.get(reverse("training:report", args=[partners.city.slug])).status_code == 403
    assert client.get(reverse("training:report", args=["no-such-org"])).status_code == 404


@pytest.mark.parametrize("count", [2, 40])
def test_the_report_and_roster_run_a_fixed_number_of_queries(
    client, partners, django_assert_num_queries, count
):
    sessions = [past_session("Awareness Webinar"), SessionFactory(course__title="Next")]
    for _ in range(count):
        person = MembershipFactory(organization=partners.police, user=UserFactory()).user
        Enrollment.objects.create(user=person, session=sessions[0], status="attended")
        Enrollment.objects.create(user=person, session=sessions[1], status="registered")
    client.force_login(partners.city_coordinator)
    # Session, user, organization, membership levels (twice); the page's members (count,
    # page) and their 3 outcome queries; everyone's ids and 3 for the totals per course;
    # the certificates to renew: their count by status and their page's count (no rows).
    with django_assert_num_queries(18):
        response = client.get(reverse("training:report", args=[partners.city.slug]))
    assert len(response.context["rows"]) == min(count + 3, 25)
    with django_assert_num_queries(12):  # the members, then 3 per 500 of them
        export = client.get(reverse("training:report-csv", args=[partners.city.slug]))
        assert len(b"".join(export.streaming_content).splitlines()) == count + 4
    with django_assert_num_queries(12):  # 1 to count the roster's pages
        page = client.get(reverse("partners:manage-roster", args=[partners.police.slug]))
    assert page.context["members"][0].trainings_completed in {0, 1}


def test_the_roster_shows_trainings_completed(client, partners):
    history(partners)
    client.force_login(partners.police_coordinator)
    response = client.get(reverse("partners:manage-roster", args=[partners.police.slug]))
    counts = {m.user: m.trainings_completed for m in response.context["members"]}
    assert counts[partners.police_staff] == 2
    assert "Trainings completed" in response.content.decode()


def test_the_csv_export_reads_the_members_a_chunk_at_a_time(partners):
    """The export never holds every member's trainings at once: it reads the members with
    a server-side cursor and their trainings per chunk, and the rows are the same as read
    at once."""
    staff = history(partners)
    for _ in range(4):
        MembershipFactory(organization=partners.police, user=UserFactory())
    members = report_queries.report_members({partners.city.pk, partners.police.pk})
    at_once = report_queries.report_rows(list(members), start=None, end=None)
    chunked = list(report_queries.streamed_report_rows(members, start=None, end=None, chunk=2))
    assert [(r.membership, r.completed, r.upcoming, r.missed) for r in chunked] == [
        (r.membership, r.completed, r.upcoming, r.missed) for r in at_once
    ]
    assert len(chunked) > 4 and staff in {r.membership.user for r in chunked}


def test_the_roster_csv_has_the_trainings_completed_column(client, partners):
    history(partners)
    client.force_login(partners.police_coordinator)
    response = client.get(reverse("partners:manage-roster-csv", args=[partners.police.slug]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0][-1] == "Trainings completed"
    assert {row[1]: row[-1] for row in rows[1:]}[partners.police_staff.email] == "2"


def test_the_report_counts_the_waitlisted_and_gives_completion_dates_and_codes(client, partners):
    staff = partners.police_staff
    attended = past_session("Awareness Webinar", days_ago=3)
    enrollment = Enrollment.objects.create(user=staff, session=attended, status="registered")
    attended.course.issues_certificates = True
    attended.course.save()
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    certificate = Certificate.objects.get(enrollment=enrollment)
    full = SessionFactory(course__title="Full Class", capacity=1)
    services.enroll(user=UserFactory(), session=full)
    services.enroll(user=staff, session=full)
    client.force_login(partners.police_coordinator)
    response = client.get(reverse("training:report", args=[partners.police.slug]))
    row = next(r for r in response.context["rows"] if r.membership.user == staff)
    assert row.waitlisted == ["Full Class"] and row.upcoming == []
    [done] = row.completions
    assert (done.title, done.code) == ("Awareness Webinar", certificate.code)
    assert done.day == certificate.issued_on
    totals = {c.title: c.waitlisted for c in response.context["totals"]}
    assert totals["Full Class"] == 1
    assert certificate.code in response.content.decode()
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("training:report-csv", args=[partners.police.slug]))
                .getvalue()
                .decode()
            )
        )
    )
    mine = next(r for r in csv_rows if r[1] == staff.email)
    assert mine[6:] == ["Full Class", certificate.issued_on.isoformat(), certificate.code]


def test_on_a_spanish_page_each_person_s_trainings_carry_their_spanish_titles(client, partners):
    """The per-person columns read the course's title in the page's language, as the totals
    per course do (English where a course has no Spanish title)."""
    staff = history(partners)
    attended = Enrollment.objects.get(user=staff, status="attended").session.course
    attended.title_es = "Seminario de concienciación"
    attended.save()
    on_demand = Course.objects.get(title="Routine Duties")
    on_demand.title_es = "Tareas de rutina"
    on_demand.save()
    client.force_login(partners.city_coordinator)
    response = client.get("/es" + reverse("training:report", args=[partners.city.slug]))
    row = {row.membership.user: row for row in response.context["rows"]}[staff]
    assert sorted(row.completed) == ["Seminario de concienciación", "Tareas de rutina"]
    assert row.upcoming == ["Investigations"]
    totals = {c.title for c in response.context["totals"]}
    assert {"Seminario de concienciación", "Tareas de rutina"} <= totals
