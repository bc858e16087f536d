"""The benchmark cannot rot: it builds a tiny data set and measures every page."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from bench.management.commands.build_scale_data import LARGE_ORGANIZATION_SLUG
from bench.pages import page_list
from partners.models import Membership
from resources.models import Resource
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def test_bench_builds_data_and_measures_every_page_with_a_query_count():
    """Every page answers 200 and is printed with its time and query count."""
    built = StringIO()
    call_command("build_scale_data", scale=0.001, large_organization_members=50, stdout=built)
    assert "Benchmark data built" in built.getvalue()
    assert Resource.objects.filter(slug__startswith="bench-material-").count() == 100
    assert Membership.objects.filter(organization__slug=LARGE_ORGANIZATION_SLUG).count() == 52
    assert Enrollment.objects.filter(user__email__endswith="@bench.test").exists()

    measured = StringIO()
    call_command("measure_pages", runs=1, searches=20, stdout=measured)
    lines = measured.getvalue().splitlines()
    for name, _role, _path in page_list(LARGE_ORGANIZATION_SLUG):
        row = next((line for line in lines if line.startswith(name + " ")), None)
        assert row is not None, f"{name} is missing from the table"
        _who, status, ms, queries, _kb = row[34:].split()
        assert status == "200", row
        assert float(ms) > 0 and int(queries) >= 0, row
    assert "materials search, 20 searches of words drawn by frequency:" in lines
    for label in ["the search's queries in the database", "server time"]:
        row = next(line for line in lines if line.strip().startswith(label))
        p50, p95 = (float(value) for value in re.findall(r"p\d\d +([\d.]+) ms", row))
        assert 0 < p50 <= p95, row


def test_a_second_build_leaves_the_data_alone():
    """Running it again does nothing (it is idempotent without --reset)."""
    call_command("build_scale_data", scale=0.001, large_organization_members=5, stdout=StringIO())
    again = StringIO()
    call_command("build_scale_data", scale=0.001, stdout=again)
    assert "already built" in again.getvalue()
    assert Resource.objects.filter(slug__startswith="bench-material-").count() == 100
