"""Self check-in codes: derived from a signed time bucket, never stored.

The code for a session changes every TRAINING_CHECK_IN_MINUTES. It is an HMAC (keyed with
SECRET_KEY) of the session and the bucket, so only the server and the trainer's screen know
the current one; a photo of the QR code stops working a few minutes later.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from training.models import Session

SALT = "training.check-in"
# Letters and digits that read unambiguously aloud and on a projector.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SHORT_CODE_LENGTH = 6


@dataclass(frozen=True)
class CheckInCode:
    token: str  # in the QR code's link
    short_code: str  # to type
    expires_at: datetime


def bucket_seconds() -> int:
    return max(settings.TRAINING_CHECK_IN_MINUTES, 1) * 60


def _bucket(moment: datetime) -> int:
    return int(moment.timestamp()) // bucket_seconds()


def _digest(session_pk: int, bucket: int) -> bytes:
    return salted_hmac(SALT, f"{session_pk}:{bucket}", algorithm="sha256").digest()


def _short(digest: bytes) -> str:
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(SHORT_CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def code_for(session: Session, moment: datetime | None = None) -> CheckInCode:
    moment = moment or timezone.now()
    bucket = _bucket(moment)
    digest = _digest(session.pk, bucket)
    expires = datetime.fromtimestamp((bucket + 1) * bucket_seconds(), tz=moment.tzinfo)
    return CheckInCode(token=digest[8:24].hex(), short_code=_short(digest), expires_at=expires)


def _recent_codes(session: Session, now: datetime) -> list[CheckInCode]:
    # The code just replaced still counts, so a person scanning at the turn is not refused.
    return [code_for(session, now), code_for(session, now - timedelta(seconds=bucket_seconds()))]


def token_is_current(session: Session, token: str, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return any(constant_time_compare(c.token, token) for c in _recent_codes(session, now))


def normalize_short_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def short_code_is_current(session: Session, typed: str, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    typed = normalize_short_code(typed)
    return any(constant_time_compare(c.short_code, typed) for c in _recent_codes(session, now))


def window(session: Session) -> tuple[datetime, datetime]:
    """When check-in is open: shortly before the start until the end."""
    opens = session.starts_at - timedelta(minutes=settings.TRAINING_CHECK_IN_OPENS_MINUTES)
    return opens, session.ends_at


def is_open(session: Session, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    opens, closes = window(session)
    return session.status != Session.Status.CANCELLED and opens <= now <= closes


def open_at(now: datetime) -> Q:
    """Sessions whose check-in is open at `now`, as a filter."""
    opens_early = timedelta(minutes=settings.TRAINING_CHECK_IN_OPENS_MINUTES)
    return Q(starts_at__lte=now + opens_early, ends_at__gte=now) & ~Q(
        status=Session.Status.CANCELLED
    )
