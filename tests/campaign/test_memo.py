from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from campaign.memo import per_request


def test_per_request_computes_once_per_user_object_and_key():
    calls = []
    user = SimpleLazyObject(AnonymousUser)  # what request.user is

    def compute():
        calls.append(1)
        return {len(calls)}

    assert per_request(user, "ids", compute) == {1}
    assert per_request(user, "ids", compute) == {1}
    assert per_request(user, "other", compute) == {2}
    # A new request has a new user object, and asks again.
    assert per_request(SimpleLazyObject(AnonymousUser), "ids", compute) == {3}
