"""The content of an upload decides its kind; unsafe and mismatched files are refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from campaign.uploads import check_upload
from resources.models import Resource
from tests.resources.files import BAD, GOOD, pdf_bytes, upload

MATERIAL = Resource._meta.get_field("file").policy


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_files_pass_with_their_real_kind(name):
    checked = check_upload(upload(name, GOOD[name]()), policy=MATERIAL)
    assert checked.extension == {"jpeg": "jpg"}.get(name.rsplit(".")[-1], name.rsplit(".")[-1])
    assert checked.size > 0


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_refused_with_a_clear_message(name):
    data, reason = BAD[name]
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data), policy=MATERIAL)
    assert reason in " ".join(error.value.messages)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.RESOURCE_MAX_UPLOAD_MB = 1
    big = pdf_bytes() + b"%" + bytes(1024 * 1024)
    with pytest.raises(ValidationError, match="the limit is 1 MB"):
        check_upload(upload("big.pdf", big), policy=MATERIAL)


def add_form(**extra):
    return {
        "title": "Indicator Poster",
        "slug": "indicator-poster",
        "summary": "Signs to look for.",
        "description": "",
        "kind": "poster",
        "language": "en",
        "visibility": "public",
        "published": "on",
        "max_per_order": "50",
        **extra,
    }


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_gets_a_generated_name_and_a_thumbnail(admin_client):
    from tests.resources.files import image_bytes

    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        add_form(file=upload("My Poster (final).png", image_bytes("PNG", (1600, 1000)))),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get(slug="indicator-poster")
    assert resource.file_type == "png" and resource.file_size > 0
    assert "My Poster" not in resource.file.name and resource.file.name.endswith(".png")
    with Image.open(resource.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) <= 480
    # Partner-only or not, the file itself sits in private storage, outside MEDIA_ROOT.
    assert "private-media" in resource.file.path


@pytest.mark.django_db
def test_the_admin_refuses_an_html_file_named_pdf_and_saves_nothing(admin_client):
    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        add_form(file=upload("guide.pdf", b"<html><script>alert(1)</script></html>")),
    )
    assert response.status_code == 200
    assert "Web pages (HTML) are not accepted" in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_the_admin_needs_a_file_or_a_link(admin_client):
    response = admin_client.post(reverse("admin:resources_resource_add"), add_form())
    assert "Upload a file or give an external link." in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_a_refused_upload_says_why_at_the_top_of_the_form(admin_client):
    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        add_form(file=upload("guide.pdf", b"<html><script>alert(1)</script></html>")),
    )
    top = " ".join(response.context["adminform"].form.non_field_errors())
    assert top.startswith("The file was not accepted: Web pages (HTML) are not accepted")
    assert "Upload a file or give an external link." not in response.content.decode()
    assert not Resource.objects.exists()
