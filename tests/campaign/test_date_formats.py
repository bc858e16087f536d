"""Dates and times written as the page's language writes them (`campaign.dates` and the
`date_as` filter): each named format in English and in Spanish, English exactly as the
literal formats the templates had, and the pages and emails that show them."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.templatetags.tz import do_timezone
from django.urls import reverse
from django.utils import timezone, translation

from campaign.dates import FORMATS, date_as
from tests.factories import NewsPostFactory, SessionFactory, UserFactory
from training import access, services

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Monday, February 7, 2022, 3:00 PM in New York.
MOMENT = do_timezone(datetime(2022, 2, 7, 20, 0, tzinfo=UTC), "America/New_York")

EVERY_NAME = [
    ("day", "February 7, 2022", "7 de febrero de 2022"),
    ("short day", "Feb 7, 2022", "7 feb 2022"),
    ("weekday", "Monday, February 7, 2022", "lunes, 7 de febrero de 2022"),
    ("short weekday", "Mon, Feb 7, 2022", "lun, 7 feb 2022"),
    ("month day", "February 7", "7 de febrero"),
    ("short month day", "Feb 7", "7 feb"),
    ("month", "February 2022", "febrero de 2022"),
    ("short month", "Feb 2022", "feb 2022"),
    ("time", "3:00 PM", "15:00"),
    ("time with zone", "3:00 PM EST", "15:00 EST"),
    ("day and time", "February 7, 2022, 3:00 PM", "7 de febrero de 2022, 15:00"),
    ("day and time with zone", "February 7, 2022, 3:00 PM EST", "7 de febrero de 2022, 15:00 EST"),
    ("short day and time", "Feb 7, 2022, 3:00 PM", "7 feb 2022, 15:00"),
    ("short day and time with zone", "Feb 7, 2022, 3:00 PM EST", "7 feb 2022, 15:00 EST"),
    (
        "weekday and time",
        "Monday, February 7, 2022, 3:00 PM",
        "lunes, 7 de febrero de 2022, 15:00",
    ),
    (
        "weekday and time with zone",
        "Monday, February 7, 2022, 3:00 PM EST",
        "lunes, 7 de febrero de 2022, 15:00 EST",
    ),
    ("short weekday and time", "Mon, Feb 7, 2022, 3:00 PM", "lun, 7 feb 2022, 15:00"),
    (
        "short weekday and time with zone",
        "Mon, Feb 7, 2022, 3:00 PM EST",
        "lun, 7 feb 2022, 15:00 EST",
    ),
    ("month day and time", "February 7, 3:00 PM", "7 de febrero, 15:00"),
    ("month day and time with zone", "February 7, 3:00 PM EST", "7 de febrero, 15:00 EST"),
    ("short month day and time", "Feb 7, 3:00 PM", "7 feb, 15:00"),
    ("short month day and time with zone", "Feb 7, 3:00 PM EST", "7 feb, 15:00 EST"),
]

# The literal formats the templates wrote before, and the name that replaced each: English
# stays as it was. Three literals were odd ones out and now write what the others write:
# "F j, Y, g:i a" (3:00 p.m.) and "M j, Y H:i", "M j, H:i" (15:00) read 3:00 PM.
REPLACED = [
    ("F j, Y", "day"),
    ("M j, Y", "short day"),
    ("l, F j, Y", "weekday"),
    ("M j", "short month day"),
    ("F Y", "month"),
    ("g:i A", "time"),
    ("g:i A T", "time with zone"),
    ("F j, Y, g:i A", "day and time"),
    ("F j, Y, g:i A T", "day and time with zone"),
    ("M j, Y, g:i A", "short day and time"),
    ("M j, Y, g:i A T", "short day and time with zone"),
    ("l, F j, Y, g:i A", "weekday and time"),
    ("l, F j, Y, g:i A T", "weekday and time with zone"),
    ("D, M j, Y, g:i A", "short weekday and time"),
    ("F j, g:i A", "month day and time"),
]


def render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


def test_every_name_is_tested_and_every_language_has_every_name():
    assert {name for name, _en, _es in EVERY_NAME} == set(FORMATS["en"])
    assert set(FORMATS) == {code for code, _name in settings.LANGUAGES}
    assert all(set(formats) == set(FORMATS["en"]) for formats in FORMATS.values())


@pytest.mark.parametrize(("name", "english", "spanish"), EVERY_NAME)
def test_each_name_in_english_and_in_spanish(name, english, spanish):
    with translation.override("en"):
        assert render(f'{{{{ moment|date_as:"{name}" }}}}', moment=MOMENT) == english
    with translation.override("es"):
        assert render(f'{{{{ moment|date_as:"{name}" }}}}', moment=MOMENT) == spanish
        assert date_as(MOMENT, name) == spanish


@pytest.mark.parametrize(("letters", "name"), REPLACED)
def test_english_is_what_the_literal_format_wrote(letters, name):
    with translation.override("en"):
        for value in [MOMENT, do_timezone(datetime(2022, 9, 30, 4, 5, tzinfo=UTC), "UTC")]:
            before = render(f'{{{{ value|date:"{letters}" }}}}', value=value)
            assert render(f'{{{{ value|date_as:"{name}" }}}}', value=value) == before


def test_a_day_without_a_time_and_no_value_at_all():
    with translation.override("es"):
        assert date_as(date(2022, 2, 7), "day") == "7 de febrero de 2022"
        assert render('{{ value|date_as:"day" }}', value=None) == ""


def test_a_moment_not_put_in_a_zone_is_shown_in_the_current_one():
    """As Django's `date` filter does: 20:00 UTC is 15:00 in New York."""
    with translation.override("es"), timezone.override("America/New_York"):
        assert date_as(datetime(2022, 2, 7, 20, 0, tzinfo=UTC), "time with zone") == "15:00 EST"


def test_an_unknown_name_is_an_error_not_a_blank():
    with pytest.raises(ValueError, match="'dia'"):
        date_as(MOMENT, "dia")


def test_templates_write_dates_by_name_only():
    """Every date a template shows goes through `date_as` with a name that exists; `date`
    keeps only the machine formats (ISO 8601 in attributes)."""
    kept = {"c", "Y-m-d"}
    for path in TEMPLATES.rglob("*.*"):
        text = path.read_text()
        for letters in re.findall(r"""\|date:["']([^"']*)["']""", text):
            assert letters in kept, f"{path.relative_to(TEMPLATES)}: |date:{letters!r}"
        for name in re.findall(r"""\|date_as:["']([^"']*)["']""", text):
            assert name in FORMATS["en"], f"{path.relative_to(TEMPLATES)}: {name!r}"


# --- Pages and emails --------------------------------------------------------------------


@pytest.fixture
def monday_session():
    """Monday, February 4, 2030, 3:00 to 4:00 PM in Los Angeles."""
    return SessionFactory(
        starts_at=datetime(2030, 2, 4, 23, 0, tzinfo=UTC),
        ends_at=datetime(2030, 2, 5, 0, 0, tzinfo=UTC),
        time_zone="America/Los_Angeles",
    )


@pytest.mark.django_db
def test_a_spanish_session_page_writes_day_before_month_and_a_24_hour_clock(
    client, monday_session
):
    url = reverse("training:session-detail", args=[monday_session.pk])
    spanish = client.get(f"/es{url}").content.decode()
    assert "lunes, 4 de febrero de 2030, 15:00 a 16:00 PST" in spanish
    assert f"{monday_session.course.title}, 4 de febrero de 2030 |" in spanish  # the title
    assert "<span>4 de febrero de 2030</span>" in spanish  # the breadcrumb
    assert "febrero 4" not in spanish and "PM" not in spanish
    english = client.get(url).content.decode()
    assert "Monday, February 4, 2030, 3:00 PM to 4:00 PM PST" in english
    assert "<span>February 4, 2030</span>" in english


@pytest.mark.django_db
def test_my_trainings_in_spanish_and_in_english(client, monday_session):
    person = UserFactory()
    services.enroll(user=person, session=monday_session)
    client.force_login(person)
    url = reverse("training:mine")
    spanish = client.get(f"/es{url}").content.decode()
    assert "lunes, 4 de febrero de 2030, 15:00 PST" in spanish
    english = client.get(url).content.decode()
    assert "Monday, February 4, 2030, 3:00 PM PST" in english


@pytest.mark.django_db
def test_a_news_post_in_spanish_and_in_english(client):
    post = NewsPostFactory(published_at=datetime(2022, 2, 7, 20, 0, tzinfo=UTC))
    url = reverse("news-detail", args=[post.slug])
    assert "7 de febrero de 2022</time>" in client.get(f"/es{url}").content.decode()
    assert "February 7, 2022</time>" in client.get(url).content.decode()


@pytest.mark.django_db
def test_an_email_to_a_spanish_speaker_writes_the_day_in_spanish(enrollment_mail, monday_session):
    message = enrollment_mail(UserFactory(language="es"), monday_session)
    assert "lunes, 4 de febrero de 2030, 15:00" in message.body
    assert "Monday" not in message.body and "PM" not in message.body


@pytest.mark.django_db
def test_a_refusal_before_registration_opens_writes_the_day_in_the_session_s_zone():
    """00:30 on February 8 in UTC is still February 7 in Los Angeles, where the session is."""
    session = SessionFactory(
        time_zone="America/Los_Angeles",
        registration_opens_at=datetime(2099, 2, 8, 0, 30, tzinfo=UTC),
        starts_at=datetime(2099, 3, 1, 17, 0, tzinfo=UTC),
        ends_at=datetime(2099, 3, 1, 18, 0, tzinfo=UTC),
    )
    with translation.override("es"), timezone.override("UTC"):
        assert access.registration_problem(session) == (
            "Las inscripciones abren el 7 de febrero de 2099."
        )
    with translation.override("en"):
        assert access.registration_problem(session) == "Registration opens on February 7, 2099."


def test_every_language_of_the_portal_has_its_own_dates():
    """A language added to LANGUAGES without its formats would write English dates."""
    assert set(FORMATS) == {code for code, _name in settings.LANGUAGES}
    for formats in FORMATS.values():
        assert set(formats) == set(FORMATS[settings.LANGUAGE_CODE])
