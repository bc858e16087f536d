"""A person's private calendar feed: made on first need, its link changed on request."""

from campaign.audit import log_action
from campaign.models import User
from training.models import CalendarFeed, new_feed_token


def calendar_feed_of(*, user: User) -> CalendarFeed:
    """The person's feed, made on first use (one per person, kept by a unique user)."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_calendar_feed(*, user: User) -> CalendarFeed:
    """Gives the person's feed a new token, so the old link stops working at once."""
    feed = calendar_feed_of(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    log_action(actor=user, action="training.calendar_feed.reset", target=feed)
    return feed
