"""Settings come from the environment; production refuses unsafe values."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from joserfc.jwk import OKPKey

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "ENVIRONMENT": "production",
    "SECRET_KEY": "k3y-for-the-deploy-check-only-8f2b1c9d0e7a6f5b4c3d2e1f0a9b8c7d6e5f4",
    "OPEN_BADGES_SIGNING_KEY": OKPKey.generate_key("Ed25519").as_pem(private=True).decode(),
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
}


def run_django(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    outside = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in outside}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "campaign.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(names: list[str], env: dict[str, str]) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    result = run_django("-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    """With ENVIRONMENT=production and no SECRET_KEY, no management command starts."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_django("manage.py", "check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_the_open_badges_signing_key():
    """The application servers do not start without the key that signs Open Badges."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "OPEN_BADGES_SIGNING_KEY"}
    result = run_django("-c", "from campaign.wsgi import application", env=env)
    assert result.returncode != 0
    assert "OPEN_BADGES_SIGNING_KEY is not set" in result.stderr


def test_deploy_check_passes_with_production_settings():
    """`check --deploy --fail-level WARNING` is clean once production values are set."""
    result = run_django(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_are_secure_and_host_prefixed():
    values = read_settings(
        [
            "DEBUG",
            "SESSION_COOKIE_NAME",
            "CSRF_COOKIE_NAME",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS",
            "SECURE_CONTENT_TYPE_NOSNIFF",
            "SECURE_REFERRER_POLICY",
        ],
        PRODUCTION_ENV,
    )
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
    }


def test_development_defaults_use_sqlite_locmem_and_console_email():
    values = read_settings(["DATABASES", "CACHES", "EMAIL_BACKEND", "DEBUG"], {})
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert "locmem" in values["CACHES"]["default"]["BACKEND"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["DEBUG"] is True


def test_every_mail_setting_is_read_from_the_environment():
    values = read_settings(
        ["EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT"],
        {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": "var/mail",
            "EMAIL_HOST": "mail.internal",
            "EMAIL_PORT": "587",
        },
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "var/mail",
        "EMAIL_HOST": "mail.internal",
        "EMAIL_PORT": 587,
    }


def test_postgres_url_uses_the_psycopg_pool_and_health_checks():
    values = read_settings(
        ["DATABASES"], {"DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal"}
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "portal"
    assert database["CONN_MAX_AGE"] == 0
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["pool"]["max_size"] == 10
    assert database["OPTIONS"]["options"] == "-c random_page_cost=1.1"


def test_the_planner_s_page_cost_is_a_setting_and_options_in_the_url_win():
    url = "postgres://portal:secret@db.internal:5432/portal"
    values = read_settings(["DATABASES"], {"DATABASE_URL": url, "DATABASE_RANDOM_PAGE_COST": "4"})
    assert values["DATABASES"]["default"]["OPTIONS"]["options"] == "-c random_page_cost=4"
    own = f"{url}?options=-c%20work_mem%3D8MB"
    values = read_settings(["DATABASES"], {"DATABASE_URL": own})
    assert values["DATABASES"]["default"]["OPTIONS"]["options"] == "-c work_mem=8MB"


def test_redis_url_selects_the_redis_cache():
    values = read_settings(["CACHES"], {"REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert values["CACHES"]["default"] == {
        "BACKEND": "campaign.cache.FallbackRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


@pytest.mark.parametrize("value", ["maybe", "2x"])
def test_a_malformed_setting_is_refused_with_its_name(value):
    result = run_django("manage.py", "check", env={"SESSION_IDLE_MINUTES": value, "DEBUG": "1"})
    assert result.returncode != 0
    assert "SESSION_IDLE_MINUTES" in result.stderr
