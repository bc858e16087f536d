"""A certificate as an Open Badges 3.0 credential: an OpenBadgeCredential (W3C Verifiable
Credentials data model 2.0) signed as a VC-JWT (Open Badges 3.0, "JSON Web Token Proof
Format": a compact JWS, EdDSA with an Ed25519 key) with joserfc.

Only the server holds the private key (OPEN_BADGES_SIGNING_KEY); its public half is
published as a JWK Set, whose address with the key's thumbprint is the token's `kid`, so
anyone can check a credential offline against it.
"""

import hashlib
import os
import secrets
import warnings
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import SecurityWarning
from joserfc.jwk import OKPKey

from campaign.emails import absolute_url
from training.certificate_pdf import hours_text
from training.models import Certificate

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ALGORITHM = "EdDSA"
MEDIA_TYPE = "application/vc+jwt"


def development_key_path() -> Path:
    """Where a key is made and kept when OPEN_BADGES_SIGNING_KEY is not set (development,
    the demo, tests): among the private files, never in the repository."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "open-badges" / "signing-key.pem"


def _development_key_pem() -> str:
    path = development_key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = OKPKey.generate_key("Ed25519").as_pem(private=True)
        try:
            # Created only if absent, readable by the owner alone: two processes starting
            # at once keep the first one's key.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as file:
                file.write(pem)
    return path.read_text()


@cache
def _key_from_pem(pem: str) -> OKPKey:
    key = OKPKey.import_key(pem)
    if key.as_dict(private=False).get("crv") != "Ed25519":
        raise ValueError("The Open Badges signing key must be an Ed25519 key.")
    return key


def signing_key() -> OKPKey:
    return _key_from_pem(settings.OPEN_BADGES_SIGNING_KEY or _development_key_pem())


def key_id(key: OKPKey) -> str:
    """The key's `kid`: the JWK Set's address and the key's RFC 7638 thumbprint, a URI
    that leads to the public key as Open Badges 3.0 asks."""
    return f"{absolute_url(reverse('open-badges-jwks'))}#{key.thumbprint()}"


def public_jwks() -> dict:
    """The JWK Set of the public signing key (never the private part, "d")."""
    key = signing_key()
    public = key.as_dict(private=False)
    return {"keys": [{**public, "kid": key_id(key), "use": "sig", "alg": ALGORITHM}]}


def _moment(day: date) -> datetime:
    """The start of a day in the portal's time zone, as the credential's dates count it."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


def holder_identity(certificate: Certificate) -> list[dict]:
    """Who holds it without giving their address away: the salted SHA-256 of the email
    address (Open Badges' IdentityObject; whoever knows the address can check it) and the
    name printed on the certificate."""
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((certificate.user.email.lower() + salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "salt": salt,
        },
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": certificate.recipient_name,
        },
    ]


def _issuer() -> dict:
    site = absolute_url("/")
    return {"id": site, "type": ["Profile"], "name": _(settings.CERTIFICATE_ISSUER), "url": site}


def _achievement(certificate: Certificate) -> dict:
    course = certificate.course
    achievement = {
        "id": absolute_url(course.get_absolute_url()),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": course.title,
        "description": course.summary,
        "criteria": {
            "narrative": _("Complete %(hours)s of the training %(course)s.")
            % {"hours": hours_text(certificate), "course": course.title}
        },
    }
    if course.provider:
        provider = course.provider
        achievement["creator"] = {
            "id": provider.website or absolute_url(provider.get_absolute_url()),
            "type": ["Profile"],
            "name": provider.name,
        }
    return achievement


def credential(certificate: Certificate) -> dict:
    """The OpenBadgeCredential of a certificate, in the portal's default language (its
    addresses are the ones of that language)."""
    with translation.override(settings.LANGUAGE_CODE):
        document = {
            "@context": CONTEXTS,
            "id": absolute_url(certificate.get_absolute_url()),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": certificate.course.title,
            "issuer": _issuer(),
            "validFrom": _timestamp(_moment(certificate.issued_on)),
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": holder_identity(certificate),
                "achievement": _achievement(certificate),
            },
        }
        if certificate.expires_on:
            document["validUntil"] = _timestamp(_moment(certificate.expires_on))
    return document


def signed_credential(certificate: Certificate) -> str:
    """The credential as a compact JWS: the JWT claims of Open Badges 3.0 (iss, jti, nbf,
    and exp when it expires) beside the credential's own members."""
    document = credential(certificate)
    claims = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(_moment(certificate.issued_on).timestamp()),
    }
    if certificate.expires_on:
        claims["exp"] = int(_moment(certificate.expires_on).timestamp())
    key = signing_key()
    header = {"alg": ALGORITHM, "kid": key_id(key), "typ": "JWT"}
    with warnings.catch_warnings():
        # joserfc prefers RFC 9864's "Ed25519" name; Open Badges verifiers know "EdDSA".
        warnings.simplefilter("ignore", SecurityWarning)
        return jwt.encode(header, claims, key, algorithms=[ALGORITHM])
