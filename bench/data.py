"""Helpers for the scale data: a vocabulary with real words' skew, and fast row inserts."""

import random
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, models
from django.utils import timezone

# The campaign's own terms come first, so they are among the most frequent words; the
# generated words behind them are rarer and rarer (Zipf), so a search for one is selective.
CAMPAIGN_TERMS = """
trafficking human victim survivor labor sex indicator indicators awareness report hotline
tip line recognize respond signs exploitation forced coercion fraud debt bondage recruitment
smuggling migrant worker workers youth child children minor minors runaway homeless shelter
housing inspection code enforcement police officer officers fire department port airport
transit bus rail truck hotel motel restaurant farm factory domestic massage salon nail
construction agriculture fishing online advertisement social media school teacher teachers
nurse health care clinic hospital emergency responder responders federal state local tribal
partner partners training trainings webinar course poster brochure card guide toolkit video
campaign prevention protection prosecution partnership visa immigration relief services
advocate advocates community faith employer employers supply chain goods passport document
documents identification control isolation fear threat threats violence abuse trauma
informed interview interviewing screening referral referrals case caseworker law justice
""".split()  # noqa: SIM905 - a paragraph of words reads better than a list

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ga",
    "ge",
    "go",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "ze",
    "zi",
    "zo",
    "an",
    "en",
    "in",
    "on",
    "ar",
    "er",
    "ir",
    "or",
    "al",
    "el",
    "il",
    "ol",
]


# The data set's seed: a measurement that searches for the data's own words builds its
# vocabulary from it.
DEFAULT_SEED = 13


class Vocabulary:
    """Words drawn with Zipf-like frequencies: the word of rank r is drawn ~ 1 / r**1.07."""

    def __init__(self, rng: random.Random, generated: int = 6000):
        words = list(dict.fromkeys(CAMPAIGN_TERMS))
        seen = set(words)
        while len(words) < len(CAMPAIGN_TERMS) + generated:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self.rng = rng
        total = 0.0
        self.cum_weights = []
        for rank in range(1, len(words) + 1):
            total += 1 / rank**1.07
            self.cum_weights.append(total)

    def text(self, low: int, high: int, rng: random.Random | None = None) -> str:
        """`low` to `high` words; `rng` draws them instead of the vocabulary's own sampler."""
        rng = rng or self.rng
        count = rng.randint(low, high)
        return " ".join(rng.choices(self.words, cum_weights=self.cum_weights, k=count))

    def title(self, low: int = 3, high: int = 8) -> str:
        return self.text(low, high).capitalize()

    def word_of_rank(self, rank: int) -> str:
        """A word of a given frequency rank (1 = the most common)."""
        return self.words[min(rank, len(self.words)) - 1]


def _default_of(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now
    if field.has_default():
        return field.get_default if callable(field.default) else (lambda v=field.default: v)
    if field.null:
        return lambda: None
    empty = field.get_default()
    return lambda: empty


def insert_rows(model: type[models.Model], rows: Iterable[dict], batch_size: int = 5000) -> int:
    """Inserts rows (dicts of attnames) fast: COPY on PostgreSQL, bulk_create elsewhere.

    Missing fields get the model's defaults; database triggers (the materials' search
    vector) run as for any insert. Returns how many rows were written.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: _default_of(f) for f in fields}
    written = 0
    if connection.vendor == "postgresql":
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [row[f.attname] if f.attname in row else defaults[f.attname]() for f in fields]
                )
                written += 1
        return written
    iterator: Iterator[dict] = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        model.objects.bulk_create([model(**row) for row in batch])
        written += len(batch)
    return written
