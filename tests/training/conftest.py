import pytest

from tests.factories import UserFactory


@pytest.fixture
def trainer():
    return UserFactory(name="Pat Trainer")
