"""The suite runs on the database DATABASE_URL names, so CI really exercises PostgreSQL."""

import os

import pytest
from django.db import connection

from tests.concurrency import requires_postgres

pytestmark = pytest.mark.django_db


def test_tests_use_the_configured_database():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


@requires_postgres
def test_postgresql_plans_with_the_configured_price_of_a_random_read():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
