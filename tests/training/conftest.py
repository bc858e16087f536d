import pytest

from tests.factories import UserFactory


@pytest.fixture
def trainer():
    return UserFactory(name="Pat Trainer")


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Runs a call with its after-commit email delivered; returns what it returned."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


@pytest.fixture
def admin_client(client, campaign_admin):
    """A client signed in as a campaign admin."""
    client.force_login(campaign_admin)
    return client
