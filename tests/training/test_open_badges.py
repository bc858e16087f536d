"""Open Badges 3.0: the holder downloads a certificate as a signed credential (VC-JWT), and
two verifiers other than the signer (PyJWT, and npm's jose under node) accept it against
the published key set, and refuse it once a byte of it changes."""

import base64
import hashlib
import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt as pyjwt
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from joserfc.jwk import OKPKey

from campaign import certificate_settings
from tests.factories import OrganizationFactory, UserFactory
from tests.training.certificates import certificate_for
from training import open_badges, services

pytestmark = pytest.mark.django_db

NODE_VERIFIER = Path(__file__).with_name("verify_open_badge.mjs")


def download(client, certificate) -> str:
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:open-badge", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert f"open-badge-{certificate.code}.jwt" in response["Content-Disposition"]
    return response.content.decode()


def key_set(client) -> dict:
    response = client.get(reverse("open-badges-jwks"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def verify_with_pyjwt(token: str, jwks: dict) -> dict:
    kid = pyjwt.get_unverified_header(token)["kid"]
    key = pyjwt.PyJWKSet.from_dict(jwks)[kid]
    return pyjwt.decode(
        token, key=key, algorithms=["EdDSA"], options={"require": ["iss", "jti", "nbf"]}
    )


def verify_with_node_jose(token: str, jwks: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("node") or "node", str(NODE_VERIFIER)],
        input=json.dumps({"token": token, "jwks": jwks}),
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        timeout=60,
        check=False,
    )


def one_byte_changed_in_the_credential(token: str) -> str:
    """The same token with one byte of its payload changed (the holder's printed name),
    re-encoded: a well-formed token whose signature no longer matches."""
    header, payload, signature = token.split(".")
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert data.count(b"Robin Diaz") == 1
    changed = data.replace(b"Robin Diaz", b"Robin Diez")
    encoded = base64.urlsafe_b64encode(changed).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


def one_character_changed(token: str) -> str:
    """One character in the middle of the signature swapped for another."""
    position = token.rindex(".") + 20
    swapped = "A" if token[position] != "A" else "B"
    return token[:position] + swapped + token[position + 1 :]


def test_the_credential_verifies_with_pyjwt_and_fails_when_a_byte_changes(client):
    certificate = certificate_for(validity_months=24)
    token = download(client, certificate)
    jwks = key_set(client)
    claims = verify_with_pyjwt(token, jwks)
    assert claims["credentialSubject"]["achievement"]["name"] == certificate.course.title
    for tampered in (one_byte_changed_in_the_credential(token), one_character_changed(token)):
        with pytest.raises(pyjwt.InvalidSignatureError):
            verify_with_pyjwt(tampered, jwks)


def test_the_credential_verifies_with_node_jose_and_fails_when_a_byte_changes(client):
    certificate = certificate_for(validity_months=24)
    token = download(client, certificate)
    jwks = key_set(client)
    verified = verify_with_node_jose(token, jwks)
    assert verified.returncode == 0, verified.stderr
    result = json.loads(verified.stdout)
    assert result["header"]["alg"] == "EdDSA"
    assert result["payload"]["jti"] == result["payload"]["id"]
    for tampered in (one_byte_changed_in_the_credential(token), one_character_changed(token)):
        refused = verify_with_node_jose(tampered, jwks)
        assert refused.returncode == 1
        assert "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" in refused.stderr


def test_the_credential_follows_open_badges_3(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    provider = OrganizationFactory(name="Springfield Police", website="https://pd.example.org")
    certificate = certificate_for(validity_months=12, provider=provider)
    token = download(client, certificate)
    header = pyjwt.get_unverified_header(token)
    jwks = key_set(client)
    [public_key] = jwks["keys"]
    assert header == {"alg": "EdDSA", "kid": public_key["kid"], "typ": "JWT"}
    assert header["kid"].startswith("https://portal.example.org/.well-known/jwks.json#")
    assert "d" not in public_key and public_key["crv"] == "Ed25519"
    claims = verify_with_pyjwt(token, jwks)
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert (
        claims["id"]
        == claims["jti"]
        == (f"https://portal.example.org/certificates/verify/{certificate.code}/")
    )
    assert claims["issuer"] == {
        "id": "https://portal.example.org/",
        "type": ["Profile"],
        "name": "Blue Campaign Partner Portal",
        "url": "https://portal.example.org/",
    }
    assert claims["iss"] == claims["issuer"]["id"]
    valid_from = datetime.strptime(claims["validFrom"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    valid_until = datetime.strptime(claims["validUntil"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert claims["nbf"] == int(valid_from.timestamp())
    assert claims["exp"] == int(valid_until.timestamp())
    zone = timezone.get_current_timezone()
    assert valid_from.astimezone(zone).date() == certificate.issued_on
    assert valid_until.astimezone(zone).date() == certificate.expires_on
    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert (
        achievement["id"] == f"https://portal.example.org{certificate.course.get_absolute_url()}"
    )
    assert achievement["name"] == certificate.course.title
    assert achievement["description"] == certificate.course.summary
    assert "1 hour" in achievement["criteria"]["narrative"]
    assert achievement["creator"]["name"] == "Springfield Police"
    hashed, named = subject["identifier"]
    assert named == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": "Robin Diaz",
    }
    assert hashed["type"] == "IdentityObject" and hashed["hashed"] is True
    email = certificate.user.email
    expected = hashlib.sha256((email.lower() + hashed["salt"]).encode()).hexdigest()
    assert hashed["identityHash"] == f"sha256${expected}"
    assert email not in json.dumps(claims)


def test_a_certificate_that_never_expires_has_no_valid_until(client):
    claims = verify_with_pyjwt(download(client, certificate_for()), key_set(client))
    assert "validUntil" not in claims and "exp" not in claims


def test_only_the_holder_and_campaign_admins_download_and_never_a_revoked_one(
    client, campaign_admin
):
    certificate = certificate_for(validity_months=12)
    url = reverse("certificates:open-badge", args=[certificate.code])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(campaign_admin)
    assert client.get(url).status_code == 200
    client.force_login(certificate.user)
    assert client.get(url).status_code == 200
    assert client.get(reverse("certificates:open-badge", args=["NOPE"])).status_code == 404
    services.revoke_certificate(certificate=certificate, revoked_by=None, reason="Error")
    assert client.get(url).status_code == 404


def test_the_key_from_the_setting_signs_and_is_the_one_published(client, settings, monkeypatch):
    key = OKPKey.generate_key("Ed25519")
    # As an environment file carries it: on one line, "\n" for the line breaks.
    one_line = key.as_pem(private=True).decode().replace("\n", "\\n")
    monkeypatch.setenv("OPEN_BADGES_SIGNING_KEY", one_line)
    settings.OPEN_BADGES_SIGNING_KEY = certificate_settings.open_badges_signing_key(
        production=True
    )
    [published] = key_set(client)["keys"]
    assert published["x"] == key.as_dict(private=False)["x"]
    assert not open_badges.development_key_path().exists()
    token = download(client, certificate_for())
    verify_with_pyjwt(token, {"keys": [published]})


def test_without_the_setting_a_key_is_made_once_and_kept_private(settings):
    settings.OPEN_BADGES_SIGNING_KEY = ""
    first = open_badges.public_jwks()
    path = open_badges.development_key_path()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert path.stat().st_mode & 0o777 == 0o600
    assert open_badges.public_jwks() == first


def test_production_refuses_to_start_without_a_signing_key(monkeypatch):
    monkeypatch.delenv("OPEN_BADGES_SIGNING_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="OPEN_BADGES_SIGNING_KEY"):
        certificate_settings.open_badges_signing_key(production=True)
    assert certificate_settings.open_badges_signing_key(production=False) == ""
    monkeypatch.setenv("OPEN_BADGES_SIGNING_KEY", "-----BEGIN PRIVATE KEY-----\\nnope")
    with pytest.raises(ImproperlyConfigured, match="Ed25519 private key in PEM"):
        certificate_settings.open_badges_signing_key(production=False)


def test_an_expired_certificate_still_downloads_and_says_until_when(client):
    certificate = certificate_for(validity_months=12)
    type(certificate).objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    token = download(client, certificate)
    with pytest.raises(pyjwt.ExpiredSignatureError):
        verify_with_pyjwt(token, key_set(client))
