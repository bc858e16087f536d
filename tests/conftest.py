import os
from types import SimpleNamespace

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told it is safe (the tests make no concurrent use of the connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The longest tests (minutes each on a 2-core machine) are collected first, so that under
# `--dist load` each starts at once on a worker of its own instead of ending the run alone.
LONGEST_FIRST = (
    "tests/stack/",
    "tests/browser/test_every_page.py",
    "tests/security/test_fuzz.py",
    "tests/campaign/test_static.py",
    "tests/campaign/test_html_validity.py",
)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        starts = [item.nodeid.startswith(prefix) for prefix in LONGEST_FIRST]
        return starts.index(True) if True in starts else len(LONGEST_FIRST)

    items.sort(key=rank)


def pytest_configure(config):
    from django.conf import settings
    from django.test import override_settings

    # The manifest needs collectstatic; tests read static files straight from the finders.
    # tests/campaign/test_static.py checks the production storage on its own. Overriding
    # (rather than assigning) resets Django's cached storages.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ).enable()
    if os.environ.get("TEST_TASKS_BACKEND") == "database":
        # CI runs the email journeys again with tasks queued in the database and run by
        # django-tasks-db's worker (tests/taskqueue.py); one try each, so a refused message
        # is recorded at once as with the immediate backend.
        from django_tasks.signals import task_enqueued

        from tests.taskqueue import DATABASE_TASKS, run_worker_on_enqueue

        override_settings(TASKS=DATABASE_TASKS, EMAIL_MAX_ATTEMPTS=1).enable()
        task_enqueued.connect(run_worker_on_enqueue, dispatch_uid="tests-run-worker")


# Rows that Django's own post_migrate handlers write again after a flush.
WRITTEN_AGAIN_BY_DJANGO = {"contenttypes.contenttype", "auth.permission", "sites.site"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every transactional test ends by emptying every table (a flush), the rows the data
    migrations wrote too: the pillars, the audiences, the trust pages. Django writes its
    content types and permissions again on the post_migrate signal the flush sends; the
    rows the migrations left are kept here and written again on the same signal, so no
    test depends on which tests ran before it on its worker."""
    from django.apps import apps
    from django.core import serializers
    from django.db.models.signals import post_migrate

    with django_db_blocker.unblock():
        models = [
            model
            for model in serializers.sort_dependencies(
                [(config, None) for config in apps.get_app_configs()]
            )
            if model._meta.label_lower not in WRITTEN_AGAIN_BY_DJANGO
            and model._meta.managed
            and not model._meta.proxy
        ]
        migrated_rows = serializers.serialize(
            "json", (row for model in models for row in model._base_manager.order_by("pk"))
        )

    def write_migrated_rows_again(**kwargs) -> None:
        for row in serializers.deserialize("json", migrated_rows):
            row.save()

    # The flush signals each app with models in turn; the last comes after Django's own
    # handlers have run for every app.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    post_migrate.connect(write_migrated_rows_again, sender=last, dispatch_uid="tests-rows")
    yield
    post_migrate.disconnect(sender=last, dispatch_uid="tests-rows")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english_by_default():
    """A page under /es/ leaves Spanish active in the test's thread; no test inherits it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings):
    """Tests read each answer's template context, which a kept page does not have; the
    page cache's own tests (tests/campaign/test_page_cache.py) turn it on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth's rate-limit counters live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download a browser of its own here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture
def campaign_admin(db):
    """A campaign admin: staff with an authenticator app turned on."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import StaffUserFactory

    admin = StaffUserFactory(email="admin@example.org")
    TOTP.activate(admin, generate_totp_secret())
    return admin


@pytest.fixture
def partners(db):
    """A city with a department, another partner, and a person in each role around them."""
    from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    city = OrganizationFactory(name="City of Springfield", slug="springfield")
    police = OrganizationFactory(name="Springfield Police", slug="springfield-pd", parent=city)
    other = OrganizationFactory(name="Shelbyville Fire", slug="shelbyville-fire")
    city_coordinator = MembershipFactory(organization=city, role="coordinator").user
    police_coordinator = MembershipFactory(organization=police, role="coordinator").user
    police_staff = MembershipFactory(organization=police, role="staff").user
    other_coordinator = MembershipFactory(organization=other, role="coordinator").user
    return SimpleNamespace(
        city=city,
        police=police,
        other=other,
        city_coordinator=city_coordinator,
        police_coordinator=police_coordinator,
        police_staff=police_staff,
        other_coordinator=other_coordinator,
        outsider=UserFactory(),
    )


@pytest.fixture
def admin_client(client, campaign_admin):
    """The test client signed in as the campaign admin (replaces pytest-django's own)."""
    client.force_login(campaign_admin)
    return client


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Runs a call with its after-commit email delivered; returns what it returned."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


@pytest.fixture
def enrollment_mail(client, django_capture_on_commit_callbacks):
    """Signs the person in, enrolls them from the page in `language` ("" for English) and
    returns the one email that sent."""
    from django.core import mail
    from django.urls import reverse

    def enroll(person, session, language=""):
        client.force_login(person)
        prefix = f"/{language}" if language else ""
        with django_capture_on_commit_callbacks(execute=True):
            client.post(prefix + reverse("training:session-enroll", args=[session.pk]))
        (message,) = mail.outbox
        return message

    return enroll


@pytest.fixture
def signed_in_user(client, db):
    """A person with a verified address, signed in on the test client."""
    from tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    return user
