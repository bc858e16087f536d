"""Public uploads (logos, thumbnails) in production: in an S3-compatible bucket read by
anyone (moto's S3 server on loopback here), or from disk served by the proxy or the portal
itself with SERVE_MEDIA."""

import io
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings
from moto.server import ThreadedMotoServer
from PIL import Image

from tests.campaign.test_settings import PRODUCTION_ENV, read_settings

MOTO_PORT = 18150
ENDPOINT = f"http://127.0.0.1:{MOTO_PORT}"
BUCKET = "portal-public-media"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=MOTO_PORT, verbose=False)
    server.start()
    boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket=BUCKET)
    yield ENDPOINT
    server.stop()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, "PNG")
    return out.getvalue()


def test_public_media_settings_name_a_public_bucket_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "PUBLIC_MEDIA_BUCKET": BUCKET,
        "AWS_S3_ENDPOINT_URL": ENDPOINT,
        "PUBLIC_MEDIA_DOMAIN": "media.example.org",
    }
    values = read_settings(["STORAGES", "SERVE_MEDIA"], env)
    options = values["STORAGES"]["default"]["OPTIONS"]
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == BUCKET
    assert options["default_acl"] == "public-read" and options["querystring_auth"] is False
    assert options["custom_domain"] == "media.example.org"
    assert values["SERVE_MEDIA"] is False


def test_serve_media_is_off_in_production_unless_asked():
    assert read_settings(["SERVE_MEDIA"], PRODUCTION_ENV)["SERVE_MEDIA"] is False
    asked = read_settings(["SERVE_MEDIA"], {**PRODUCTION_ENV, "SERVE_MEDIA": "true"})
    assert asked["SERVE_MEDIA"] is True


def test_a_logo_saved_to_the_public_bucket_is_served_at_its_url(s3_server, settings):
    options = read_settings(
        ["STORAGES"],
        {
            **PRODUCTION_ENV,
            "PUBLIC_MEDIA_BUCKET": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3_server,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        },
    )["STORAGES"]["default"]
    with override_settings(STORAGES={**settings.STORAGES, "default": options}):
        storage = storages["default"]
        name = storage.save("logos/springfield.png", ContentFile(png_bytes()))
        url = storage.url(name)
    assert url.startswith(f"{s3_server}/{BUCKET}/logos/")
    assert "Signature" not in url  # a plain public link, cacheable by anyone
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200
        assert response.read() == png_bytes()
