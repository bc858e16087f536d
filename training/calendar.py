"""iCalendar files and feeds of sessions (RFC 5545, built with icalendar)."""

from collections.abc import Iterable
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from campaign.emails import absolute_url
from training.models import Session


def build_calendar(
    sessions: Iterable[Session], *, name: str, join_links_for: set[int] | None = None
) -> bytes:
    """A calendar of the sessions. Join links appear only for session ids in join_links_for
    (sessions the feed's owner is registered for)."""
    join_links_for = join_links_for or set()
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Trainings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    domain = urlparse(settings.SITE_URL).hostname or "localhost"
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{domain}")
        event.add("dtstamp", session.created_at)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", session.course.title)
        event.add("location", session.location)
        # get_absolute_url is in the active language: the Spanish feed links to /es/ pages.
        page = absolute_url(session.get_absolute_url())
        description = [session.course.summary, _("Details: %(url)s") % {"url": page}]
        if session.online and session.join_url and session.pk in join_links_for:
            description.append(_("Join: %(url)s") % {"url": session.join_url})
        event.add("description", "\n\n".join(description))
        event.add("url", page)
        event.add(
            "status", "CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
    return calendar.to_ical()


def session_ics_attachment(session: Session, *, with_join_link: bool) -> tuple[str, str, str]:
    """An (filename, text, MIME type) email attachment for one session."""
    ical = build_calendar(
        [session],
        name=session.course.title,
        join_links_for={session.pk} if with_join_link else None,
    )
    return (f"training-{session.pk}.ics", ical.decode(), "text/calendar")


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
