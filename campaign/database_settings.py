"""The database connection, read from the environment here so that `campaign.settings`
stays short; it imports it."""

import dj_database_url

from campaign.env import env_int, env_str


def database_from_env(default_url: str) -> dict:
    """DATABASE_URL as Django's DATABASES entry. On PostgreSQL: psycopg 3's pool
    (DATABASE_POOL_MIN_SIZE, _MAX_SIZE, _TIMEOUT) and the planner's price of a random page
    read (DATABASE_RANDOM_PAGE_COST)."""
    database = dj_database_url.parse(env_str("DATABASE_URL", default_url), conn_health_checks=True)
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    # psycopg 3's pool keeps connections; Django requires CONN_MAX_AGE 0 with it.
    database["CONN_MAX_AGE"] = 0
    options = database.setdefault("OPTIONS", {})
    options["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", 2),
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
    }
    # PostgreSQL's default (4) prices a random read as a spinning disk does. On SSD, or with
    # the data in memory, it is nearly as cheap as a read in order; with the default the
    # planner walks tens of thousands of materials newest first to find a search's first
    # matches instead of taking them from the search index (bench: p95 23-29 -> 18-19 ms).
    # Options given in DATABASE_URL (?options=...) win.
    cost = env_str("DATABASE_RANDOM_PAGE_COST", "1.1")
    options.setdefault("options", f"-c random_page_cost={cost}")
    return database
