"""Dates and times as each language writes them, named by what they show.

A page asks for "day" or "weekday and time with zone", never for a pattern of letters, so
a Spanish page reads "lunes, 7 de febrero de 2022, 15:00" where an English one reads
"Monday, February 7, 2022, 3:00 PM". Templates write `{{ value|date_as:"day" }}`
(`campaign.templatetags.portal`); Python code calls `date_as(value, "day")`.

Django's own named formats (`DATE_FORMAT`, `DATETIME_FORMAT`...) are not used for this: the
`date` filter accepts only its seven fixed names, none of them with a weekday or a time
zone, and redefining them would also change every date in the Django admin. Month and
weekday names still come from Django's translations.

A name is a day ("day", "short day", "weekday", "short weekday", "month day", "short month
day"), a month ("month", "short month"), a time ("time", "time with zone"), or a day and a
time joined by " and ": "short day and time with zone".
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import dateformat, translation
from django.utils.timezone import template_localtime

# Letters as in Django's `date` filter; `\d\e` is a literal "de".
DAY_PARTS = {
    "en": {
        "day": "F j, Y",  # February 7, 2022
        "short day": "M j, Y",  # Feb 7, 2022
        "weekday": "l, F j, Y",  # Monday, February 7, 2022
        "short weekday": "D, M j, Y",  # Mon, Feb 7, 2022
        "month day": "F j",  # February 7
        "short month day": "M j",  # Feb 7
    },
    "es": {
        "day": r"j \d\e F \d\e Y",  # 7 de febrero de 2022
        "short day": "j b Y",  # 7 feb 2022
        "weekday": r"l, j \d\e F \d\e Y",  # lunes, 7 de febrero de 2022
        "short weekday": "D, j b Y",  # lun, 7 feb 2022
        "month day": r"j \d\e F",  # 7 de febrero
        "short month day": "j b",  # 7 feb
    },
}

# Months take no time.
MONTH_PARTS = {
    "en": {"month": "F Y", "short month": "M Y"},  # February 2022, Feb 2022
    "es": {"month": r"F \d\e Y", "short month": "b Y"},  # febrero de 2022, feb 2022
}

TIME_PARTS = {
    "en": {"time": "g:i A", "time with zone": "g:i A T"},  # 3:00 PM EST
    "es": {"time": "H:i", "time with zone": "H:i T"},  # 15:00 EST
}


def _formats(language: str) -> dict[str, str]:
    days, times = DAY_PARTS[language], TIME_PARTS[language]
    return {
        **days,
        **MONTH_PARTS[language],
        **times,
        **{
            f"{day_name} and {time_name}": f"{day_letters}, {time_letters}"
            for day_name, day_letters in days.items()
            for time_name, time_letters in times.items()
        },
    }


# Every name in every language the portal speaks.
FORMATS = {language: _formats(language) for language in DAY_PARTS}


def date_as(value: date | datetime | None, name: str) -> str:
    """`value` written as the active language writes the format called `name` ("" for no
    value). A moment is first shown in the current time zone, as Django's `date` filter
    does, unless it was put in its own zone (`Session.local_start`). An unknown name is
    an error, not a silent blank."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    formats = FORMATS.get(language) or FORMATS[settings.LANGUAGE_CODE]
    try:
        letters = formats[name]
    except KeyError:
        raise ValueError(f"No date format is named {name!r}.") from None
    if value in (None, ""):
        return ""
    return dateformat.format(template_localtime(value), letters)
