"""The admin's large changelists are paginated without counting the whole table."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.admin_site import EstimatedCountPaginator
from campaign.audit_admin import AuditEntryAdmin
from tests.factories import SessionFactory, UserFactory
from training import services
from training.admin import EnrollmentAdmin
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def test_an_unfiltered_large_table_is_counted_from_the_planner_estimate(monkeypatch):
    session = SessionFactory()
    for _ in range(3):
        services.enroll(user=UserFactory(), session=session)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE training_enrollment")
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 0)
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(Enrollment.objects.all(), 100).count
    assert count == 3
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]


def test_a_filtered_or_small_table_is_counted_exactly():
    session = SessionFactory()
    services.enroll(user=UserFactory(), session=session)
    assert EstimatedCountPaginator(Enrollment.objects.all(), 100).count == 1
    assert EstimatedCountPaginator(Enrollment.objects.filter(status="waitlisted"), 100).count == 0


@pytest.mark.parametrize("model_admin", [EnrollmentAdmin, AuditEntryAdmin])
def test_the_large_changelists_use_it_without_a_second_full_count(model_admin):
    assert model_admin.paginator is EstimatedCountPaginator
    assert model_admin.show_full_result_count is False
    assert model_admin.list_per_page == 50


def test_a_rows_selection_box_is_the_one_django_renders(client, campaign_admin):
    """Written at once instead of through the form renderer: the same markup."""
    enrollment = services.enroll(user=UserFactory(), session=SessionFactory())
    model_admin = EnrollmentAdmin(Enrollment, admin.site)
    assert model_admin.action_checkbox(enrollment) == admin.ModelAdmin.action_checkbox(
        model_admin, enrollment
    )
    client.force_login(campaign_admin)
    page = client.get("/admin/training/enrollment/").content.decode()
    assert model_admin.action_checkbox(enrollment) in page


def test_the_enrollment_changelist_is_ordered_by_an_index_newest_first(client, campaign_admin):
    client.force_login(campaign_admin)
    session = SessionFactory()
    first = services.enroll(user=UserFactory(), session=session)
    second = services.enroll(user=UserFactory(), session=session)
    response = client.get("/admin/training/enrollment/")
    assert [e.pk for e in response.context["cl"].result_list] == [second.pk, first.pk]
    index = next(i for i in Enrollment._meta.indexes if i.name == "enrollment_queued_order")
    assert index.fields == ["queued_at", "id"]
