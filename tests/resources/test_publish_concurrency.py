"""Admins publishing the same materials at once, on PostgreSQL with real transactions.

The first test shows the race with the row lock taken out (both admins publish and log the
same material); the second shows the locks letting exactly one of them do it.
"""

import threading

import pytest
from django.db.models import QuerySet

from campaign.models import AuditEntry
from resources import services
from resources.models import Resource
from tests.concurrency import requires_postgres, run_in_parallel, saving_waits_for_the_other
from tests.factories import ResourceFactory, StaffUserFactory

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def test_without_the_lock_two_admins_both_publish_and_log_the_same_material(monkeypatch):
    draft = ResourceFactory(published=False)
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kwargs: self)
    # Each admin has read the material as a draft before either saves it.
    with saving_waits_for_the_other(Resource):
        results = run_in_parallel(
            *[
                lambda: services.set_published(
                    resources=Resource.objects.filter(pk=draft.pk),
                    published=True,
                    changed_by=StaffUserFactory(),
                )
            ]
            * 2
        )
    assert [len(r) for r in results] == [1, 1]
    assert AuditEntry.objects.filter(action="resources.material.publish").count() == 2


def test_each_material_is_published_and_logged_once_by_several_admins_at_once():
    drafts = ResourceFactory.create_batch(3, published=False)
    admins = [StaffUserFactory() for _ in range(4)]
    barrier = threading.Barrier(len(admins), timeout=5)

    def publish(admin):
        def run():
            barrier.wait()
            return services.set_published(
                resources=Resource.objects.filter(published=False),
                published=True,
                changed_by=admin,
            )

        return run

    results = run_in_parallel(*[publish(admin) for admin in admins])
    assert not [r for r in results if isinstance(r, Exception)], results
    published = sorted(resource.pk for result in results for resource in result)
    assert published == sorted(d.pk for d in drafts)
    logged = AuditEntry.objects.filter(action="resources.material.publish")
    assert sorted(int(e.target_id) for e in logged) == published
