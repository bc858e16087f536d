"""Links a person holds (calendar feeds, give-back links) stop working once they should:
when the account is deactivated, the coordinator's membership ends, the session starts, or
the link is older than TRAINING_GIVE_BACK_HOURS."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partners import services as partner_services
from tests.factories import SessionFactory, UserFactory
from training import services
from training.models import CalendarFeed, Enrollment, Session

pytestmark = pytest.mark.django_db


def deactivate(user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


# --- Calendar feeds -------------------------------------------------------------------------


def test_a_deactivated_persons_calendar_feed_stops_answering(client):
    person = UserFactory()
    services.enroll(user=person, session=SessionFactory())
    url = reverse("training:personal-feed", args=[CalendarFeed.objects.create(user=person).token])
    assert client.get(url).status_code == 200
    deactivate(person)
    response = client.get(url)
    assert response.status_code == 404
    assert b"room-42" not in response.content


def test_an_organization_feed_stops_when_the_coordinators_account_is_deactivated(client, partners):
    token = CalendarFeed.objects.create(user=partners.police_coordinator).token
    url = reverse("training:organization-feed", args=[token, partners.police.slug])
    assert client.get(url).status_code == 200
    deactivate(partners.police_coordinator)
    assert client.get(url).status_code == 404


def test_an_organization_feed_stops_when_the_coordinators_membership_ends(
    client, partners, campaign_admin
):
    token = CalendarFeed.objects.create(user=partners.police_coordinator).token
    url = reverse("training:organization-feed", args=[token, partners.police.slug])
    assert client.get(url).status_code == 200
    membership = partners.police_coordinator.memberships.get(organization=partners.police)
    partner_services.end_membership(membership=membership, ended_by=campaign_admin)
    assert client.get(url).status_code == 404


# --- Give-back links ------------------------------------------------------------------------


@pytest.fixture
def seated():
    """A registered person with someone waiting behind them, and their give-back path."""
    session = SessionFactory(capacity=1)
    enrollment = services.enroll(user=UserFactory(), session=session)
    waiting = services.enroll(user=UserFactory(), session=session)
    path = services.give_back_url(enrollment).replace("http://127.0.0.1:8000", "")
    return enrollment, waiting, path


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def test_a_deactivated_persons_give_back_link_stops_working(client, seated):
    enrollment, waiting, path = seated
    deactivate(enrollment.user)
    with pytest.raises(ValidationError, match="no longer works"):
        services.enrollment_from_give_back_token(token_of(path))
    assert client.get(path).status_code == 410
    assert client.post(path).status_code == 410
    assert Enrollment.objects.get(pk=enrollment.pk).status == "registered"
    assert Enrollment.objects.get(pk=waiting.pk).status == "waitlisted"


def test_a_give_back_link_stops_working_when_the_session_starts(client, seated):
    enrollment, _waiting, path = seated
    Session.objects.filter(pk=enrollment.session_id).update(
        starts_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(path)
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()
    assert "Give my seat back" not in response.content.decode()


def test_a_give_back_link_expires_after_the_set_hours(client, seated, settings, monkeypatch):
    settings.TRAINING_GIVE_BACK_HOURS = 2
    enrollment, _waiting, _path = seated

    def link_made_ago(age: timedelta) -> str:
        # The link's signed timestamp is the clock at signing time.
        with monkeypatch.context() as clock:
            made_at = time.time() - age.total_seconds()
            clock.setattr(time, "time", lambda: made_at)
            return services.give_back_url(enrollment).replace("http://127.0.0.1:8000", "")

    assert client.get(link_made_ago(timedelta(hours=1, minutes=59))).status_code == 200
    old = link_made_ago(timedelta(hours=2, minutes=1))
    assert client.get(old).status_code == 410
    assert client.post(old).status_code == 410
    assert Enrollment.objects.get(pk=enrollment.pk).status == "registered"


def test_the_promotion_email_says_how_long_the_give_back_link_works(
    settings, django_capture_on_commit_callbacks
):
    settings.TRAINING_GIVE_BACK_HOURS = 48
    session = SessionFactory(capacity=1)
    seated = services.enroll(user=UserFactory(), session=session)
    services.enroll(user=UserFactory(), session=session)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrollment(enrollment=seated, cancelled_by=seated.user)
    (promotion,) = [m for m in mail.outbox if "/trainings/give-back/" in m.body]
    assert "works for 48 hours, and only until the session starts" in promotion.body


def test_a_forged_give_back_link_stays_404(client):
    assert client.get(reverse("training:give-back", args=["forged:token"])).status_code == 404


def test_a_calendar_feed_is_made_once_and_a_reset_changes_only_its_token():
    person = UserFactory()
    feed = services.calendar_feed_of(user=person)
    assert services.calendar_feed_of(user=person).pk == feed.pk
    reset = services.reset_calendar_feed(user=person)
    assert reset.pk == feed.pk and reset.token != feed.token
    assert CalendarFeed.objects.filter(user=person).count() == 1
