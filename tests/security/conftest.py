import pytest


@pytest.fixture
def sign_in_as(client, partners, campaign_admin):
    """Signs the client in as one role around the partners fixture's police department
    (nobody for "anonymous") and returns that person."""

    def sign_in(role: str):
        user = {
            "anonymous": None,
            "outsider": partners.outsider,
            "staff": partners.police_staff,
            "coordinator": partners.police_coordinator,
            "other_coordinator": partners.other_coordinator,
            "parent_coordinator": partners.city_coordinator,
            "campaign_admin": campaign_admin,
        }[role]
        if user is not None:
            client.force_login(user)
        return user

    return sign_in
