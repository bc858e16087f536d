"""Settings of certificate expiry and Open Badges, read from the environment here so that
`campaign.settings` stays short; it imports them."""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.core.exceptions import ImproperlyConfigured

from campaign.env import env_int, env_str


def reminder_days() -> int:
    """CERTIFICATE_REMINDER_DAYS: how many days before a certificate expires its holder is
    reminded to recertify."""
    days = env_int("CERTIFICATE_REMINDER_DAYS", 30)
    if days < 1:
        raise ImproperlyConfigured("CERTIFICATE_REMINDER_DAYS must be 1 or more.")
    return days


def open_badges_signing_key(*, production: bool) -> str:
    """OPEN_BADGES_SIGNING_KEY: the Ed25519 private key (PEM) that signs Open Badges
    credentials. Production refuses to start without it (each server would otherwise sign
    with a key of its own); elsewhere an empty value means a key made once and kept in
    the private files (training.open_badges says where)."""
    # An environment file may carry the PEM on one line, with "\n" for its line breaks.
    pem = env_str("OPEN_BADGES_SIGNING_KEY").replace("\\n", "\n").strip()
    if not pem and production:
        raise ImproperlyConfigured(
            "OPEN_BADGES_SIGNING_KEY is not set. Production refuses to start without the "
            "Ed25519 key that signs Open Badges: `openssl genpkey -algorithm ed25519`."
        )
    if pem:
        try:
            key = load_pem_private_key(pem.encode(), password=None)
        except ValueError:
            key = None
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured(
                "OPEN_BADGES_SIGNING_KEY must be an unencrypted Ed25519 private key in PEM."
            )
    return pem
