"""Production static files: hashed names, Brotli and gzip copies, far-future caching."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGES = {
    **django_settings.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected_root(tmp_path_factory):
    """One collectstatic run (it compresses every file) shared by this module's tests."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def collected(settings, collected_root):
    settings.STATIC_ROOT = collected_root
    settings.STORAGES = PRODUCTION_STORAGES
    return collected_root


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    css = list((collected / "uswds" / "css").glob("uswds.min.*.css"))
    assert css, "USWDS's stylesheet is collected under a hashed name"
    assert css[0].with_name(css[0].name + ".br").exists()
    assert css[0].with_name(css[0].name + ".gz").exists()
    assert list((collected / "js").glob("portal.*.js"))
    assert list((collected / "uswds" / "img").glob("sprite.*.svg"))
    assert list((collected / "uswds" / "img" / "usa-icons").glob("close.*.svg"))
    # USWDS's Material icons, which no page shows, are left out of a release.
    assert not (collected / "uswds" / "img" / "material-icons").exists()


def test_hashed_files_are_served_with_far_future_caching(collected):
    # A fresh client builds a fresh middleware stack, so whitenoise scans the new root.
    page = Client().get("/").content.decode()
    href = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page).group(1)
    response = Client().get(href, HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
