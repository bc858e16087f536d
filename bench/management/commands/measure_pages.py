"""Measures every page in-process: server time (median of a few runs) and query count.

The anonymous page cache is left out, so each run renders the page: these are the times
of a visitor who misses the cache (the first after a write). bench/load.py measures the
pages as served, cache included."""

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.data import DEFAULT_SEED, Vocabulary
from bench.management.commands.build_scale_data import (
    COORDINATOR_EMAIL,
    LARGE_ORGANIZATION_SLUG,
    STAFF_EMAIL,
)
from bench.pages import page_list
from campaign.models import User

PAGE_CACHE = "campaign.page_cache.AnonymousPageCacheMiddleware"


class Command(BaseCommand):
    help = "Prints each page's status, median server time, query count and size at this data size."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="Timed runs per page (median).")
        parser.add_argument(
            "--searches", type=int, default=200, help="Materials searches timed in the database."
        )

    def handle(self, *args, **options):
        without_page_cache = [m for m in settings.MIDDLEWARE if m != PAGE_CACHE]
        with override_settings(MIDDLEWARE=without_page_cache):
            self.measure(options["runs"])
            self.measure_searches(options["searches"])

    def measure(self, runs: int) -> None:
        clients = {"anonymous": Client(HTTP_HOST="127.0.0.1")}
        for role, email in [
            ("staff", STAFF_EMAIL),
            ("coordinator", COORDINATOR_EMAIL),
            ("admin", "admin@demo.blue-campaign.test"),
        ]:
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(User.objects.get(email=email))
            clients[role] = client
        self.stdout.write(
            f"{'page':<34} {'as':<11} {'status':>6} {'ms':>8} {'queries':>7} {'KB':>8}"
        )
        for name, role, path in page_list(LARGE_ORGANIZATION_SLUG):
            client = clients[role]
            # Untimed: the first request of a process compiles templates and loads
            # catalogs, which a server that has run for a while has done.
            client.get(path, secure=True)
            times = []
            for _run in range(max(1, runs)):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path, secure=True)
                    body = b"".join(response) if response.streaming else response.content
                    times.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"{name:<34} {role:<11} {response.status_code:>6} "
                f"{statistics.median(times):>8.1f} {len(queries):>7} {len(body) / 1024:>8.1f}"
            )

    def measure_searches(self, count: int) -> None:
        """Materials searches for words drawn as visitors' words are (common ones often, rare
        ones now and then), each searched once: the time in the database of the search's own
        queries (its candidates and its ranked page), and of all the page's queries."""
        if count <= 0:
            return
        # The data's own words (its seed), drawn by a second, repeatable sampler.
        words = Vocabulary(random.Random(DEFAULT_SEED))  # noqa: S311 - test data, not secrets
        drawn = random.Random(29)  # noqa: S311
        client = Client(HTTP_HOST="127.0.0.1")
        searched, page_database, server = [], [], []
        for _search in range(count):
            timed: list[tuple[str, float]] = []

            def time_query(execute, sql, params, many, context, timed=timed):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timed.append((sql, (time.perf_counter() - started) * 1000))

            with connection.execute_wrapper(time_query):
                started = time.perf_counter()
                client.get("/materials/", {"q": words.text(1, 2, drawn)}, secure=True)
                server.append((time.perf_counter() - started) * 1000)
            searched.append(sum(ms for sql, ms in timed if "websearch_to_tsquery" in sql))
            page_database.append(sum(ms for _sql, ms in timed))
        self.stdout.write(f"\nmaterials search, {count} searches of words drawn by frequency:")
        for label, values in [
            ("the search's queries in the database", searched),
            ("all the page's queries in the database", page_database),
            ("server time", server),
        ]:
            cuts = statistics.quantiles(values, n=100)
            self.stdout.write(f"  {label:<40} p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms")
