"""One upload check for every file field: each field's form refuses what is unsafe or not its
kind with a message a person understands, and stores nothing; good files get a generated name
with the extension of their real kind."""

import struct
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaign.uploads import KINDS
from partners.models import Agreement, Organization
from resources.models import Resource
from tests.factories import OnDemandCourseFactory, OrganizationFactory
from tests.resources.files import image_bytes, pdf_bytes, zip_bytes
from training.models import Course

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
ID3 = b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\xff\xfb\x90\x64" + bytes(400)


def png_with_html() -> bytes:
    return image_bytes("PNG", (32, 32)) + b"<html><body><script>alert(document.cookie)</script>"


def pdf_with_script() -> bytes:
    return pdf_bytes() + b"\n<svg onload=alert(1)><script>alert(1)</script></svg>\n"


# A name, its content and what the message must say, whatever the field.
BAD = {
    "html page": ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    "svg with script": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "SVG",
    ),
    "pdf named html": ("guide.html", pdf_bytes(), "PDF"),
    "id3 named js": ("player.js", ID3, "MP3"),
    "png with html appended": ("poster.png", png_with_html(), "web page code"),
    "pdf with script appended": ("guide.pdf", pdf_with_script(), "web page code"),
    "program": ("setup.pdf", EXE, "Programs"),
    "zip archive": ("bundle.zip", zip_bytes(), "Archives"),
    "empty": ("empty.pdf", b"", "empty"),
    "png named pdf": ("poster.pdf", image_bytes("PNG", (32, 32)), "PNG"),
    "plain text": ("notes.pdf", b"Just some text pretending to be a PDF.\n", "not a kind"),
}


# The other fields of each admin form that takes a file, filled in for a valid record.
RESOURCE = {
    "title": "Indicator Poster",
    "slug": "indicator-poster",
    "summary": "Signs to look for.",
    "kind": "poster",
    "language": "en",
    "visibility": "public",
    "max_per_order": "50",
}
COURSE = {
    "title_en": "Routine Duties",
    "slug": "routine-duties",
    "summary_en": "Roll call.",
    "format": "web_based",
    "duration_minutes": 60,
    "pass_mark": 80,
    "published": "on",
}
ORGANIZATION = {
    "name": "Fresno Outreach",
    "slug": "fresno-outreach",
    "kind": "ngo",
    "country": "US",
    "status": "active",
    "listed": "on",
}

# The management form of an inline sent with no rows.
MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS")


@dataclass
class FileField:
    """How one file field is reached through the admin, and a good file for it."""

    model: type
    name: str
    good: tuple[str, bytes, str]  # uploaded name, content, the stored extension expected
    url: object  # callable: () -> the admin page that takes the file
    form: object  # callable: () -> the form's other fields
    inlines: tuple[str, ...] = ()  # the prefixes of the page's inline forms, sent empty

    def __str__(self) -> str:
        return f"{self.model.__name__}.{self.name}"

    def data(self, upload) -> dict:
        """The form's POST data: its other fields, `upload` in this one, no inline rows."""
        empty = {f"{prefix}-{count}": 0 for prefix in self.inlines for count in MANAGEMENT}
        return {**self.form(), self.name: upload, **empty}


def course_url():
    course = Course.objects.first() or OnDemandCourseFactory(slug="routine-duties")
    return reverse("admin:training_course_change", args=[course.pk])


def agreement_url():
    OrganizationFactory(name="San Diego Police")
    return reverse("admin:partners_agreement_add")


FIELDS = [
    FileField(
        Resource,
        "file",
        ("My Guide (final).PDF", pdf_bytes(), "pdf"),
        lambda: reverse("admin:resources_resource_add"),
        RESOURCE.copy,
    ),
    FileField(
        Resource,
        "thumbnail",
        ("Cover.jpeg", image_bytes("JPEG", (64, 64)), "jpg"),
        lambda: reverse("admin:resources_resource_add"),
        lambda: {**RESOURCE, "external_url": "https://example.org/v"},
    ),
    FileField(
        Course,
        "content_file",
        ("Roll call.pdf", pdf_bytes(), "pdf"),
        course_url,
        COURSE.copy,
        inlines=("questions", "sessions"),
    ),
    FileField(
        Agreement,
        "document",
        ("MOU signed.pdf", pdf_bytes(), "pdf"),
        agreement_url,
        lambda: {"organization": Organization.objects.get().pk, "kind": "mou"},
    ),
    FileField(
        Organization,
        "logo",
        ("Our Logo.png", image_bytes("PNG", (64, 64)), "png"),
        lambda: reverse("admin:partners_organization_add"),
        ORGANIZATION.copy,
        inlines=("agreements", "memberships"),
    ),
]


def stored_files() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    return sorted(path for root in roots if root.exists() for path in root.rglob("*"))


def error_messages(response) -> str:
    """Every error the admin page shows: the form's and its inlines'."""
    return " ".join(str(message) for errors in response.context["errors"] for message in errors)


def test_every_file_field_of_the_portal_is_covered():
    """A file field added later must join the corpus (and so the one upload check)."""
    from django.apps import apps
    from django.db.models import FileField as ModelFileField

    from campaign.fields import CheckedFileField

    file_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, ModelFileField)
    ]
    assert {f"{field.model.__name__}.{field.name}" for field in file_fields} == {
        str(field) for field in FIELDS
    }
    assert all(isinstance(field, CheckedFileField) for field in file_fields)


@pytest.mark.parametrize("field", FIELDS, ids=str)
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_stored(
    admin_client, field, case
):
    name, content, reason = BAD[case]
    url = field.url()
    before = stored_files()
    response = admin_client.post(url, field.data(SimpleUploadedFile(name, content)))
    assert response.status_code == 200, f"{case} was accepted by {field}"
    assert reason in error_messages(response)
    assert stored_files() == before
    assert not field.model.objects.exclude(**{field.name: ""}).exists()


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_a_file_over_the_fields_limit_is_refused(admin_client, settings, field):
    settings.RESOURCE_MAX_UPLOAD_MB = 1
    model_field = field.model._meta.get_field(field.name)
    limit = model_field.max_upload_bytes()
    name, content, _extension = field.good
    url = field.url()
    before = stored_files()
    big = SimpleUploadedFile(name, content + bytes(limit + 1 - len(content)))
    response = admin_client.post(url, field.data(big))
    assert response.status_code == 200
    assert f"the limit is {limit // 1024 // 1024} MB" in error_messages(response)
    assert stored_files() == before


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_a_good_file_is_stored_under_a_generated_name_of_its_real_kind(admin_client, field):
    name, content, extension = field.good
    response = admin_client.post(field.url(), field.data(SimpleUploadedFile(name, content)))
    assert response.status_code == 302, error_messages(response)
    stored = getattr(field.model.objects.exclude(**{field.name: ""}).get(), field.name)
    assert stored.name.endswith(f".{extension}")
    assert Path(name).stem not in stored.name
    with stored.open("rb") as handle:
        assert handle.read() == content


def test_an_mp3_course_file_is_accepted():
    """ID3 audio is a course file kind: refused above only because its name says .js."""
    from campaign.uploads import check_upload

    policy = Course._meta.get_field("content_file").policy
    checked = check_upload(SimpleUploadedFile("talk.mp3", ID3), policy=policy)
    assert checked.extension == "mp3" and checked.mime == "audio/mpeg"


def mp4_bytes() -> bytes:
    brands = b"mp42" + struct.pack(">I", 0) + b"mp42isom"
    return struct.pack(">I", 8 + len(brands)) + b"ftyp" + brands


def test_a_thumbnail_must_be_an_image():
    from django.core.exceptions import ValidationError

    resource = Resource(**RESOURCE, external_url="https://example.org/v")
    resource.thumbnail = SimpleUploadedFile("cover.mp4", mp4_bytes() + bytes(64))
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "MP4" in " ".join(error.value.message_dict["thumbnail"])


def test_public_media_is_served_as_its_content_says_in_a_sandbox(rf):
    """Development's media URL (logos, thumbnails) sends what every upload gets."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages
    from django.http import Http404

    from campaign.site.views import public_media

    name = storages["default"].save("partners/logos/old.html", ContentFile(image_bytes("PNG")))
    response = public_media(rf.get("/media/x"), name)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    for missing in ["partners/logos/none.png", "../settings.py", "partners"]:
        with pytest.raises(Http404):
            public_media(rf.get("/media/x"), missing)


MATERIAL = Resource._meta.get_field("file").policy


def test_binary_bytes_that_merely_look_like_a_tag_are_not_refused():
    """Compressed data can hold `<svg` or `<html` by chance; only a tag is refused."""
    from campaign.uploads import check_upload

    pdf = pdf_bytes() + b"\n%\x9c<svgZ\x01<HTML\x00<body\xfe\n"
    assert check_upload(SimpleUploadedFile("guide.pdf", pdf), policy=MATERIAL).extension == "pdf"


@pytest.mark.parametrize(
    "markup", [b"<script src=x>", b"<SVG onload=alert(1)>", b"<html>", b"javascript:alert(1)"]
)
def test_markup_appended_to_a_video_is_refused(markup):
    from django.core.exceptions import ValidationError

    from campaign.uploads import check_upload
    from tests.resources.files import mp4_bytes as video

    upload = SimpleUploadedFile("roll-call.mp4", video() + bytes(3 * 1024 * 1024) + markup)
    with pytest.raises(ValidationError, match="web page code"):
        check_upload(upload, policy=MATERIAL)


@pytest.mark.parametrize("format", ["PNG", "JPEG", "WEBP"])
def test_a_damaged_image_is_refused_with_a_message_not_an_error(format):
    """Whatever is cut off, the check answers with a ValidationError."""
    from django.core.exceptions import ValidationError

    from campaign.uploads import check_upload

    whole = image_bytes(format, (200, 120))
    extension = {"JPEG": "jpg"}.get(format, format.lower())
    for length in range(16, len(whole), max(1, len(whole) // 40)):
        with pytest.raises(ValidationError):
            check_upload(SimpleUploadedFile(f"cut.{extension}", whole[:length]), policy=MATERIAL)


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_the_file_input_offers_only_the_fields_kinds(admin_client, field):
    page = admin_client.get(field.url()).content.decode()
    policy = field.model._meta.get_field(field.name).policy
    names = sorted({name for kind in policy.kinds for name in KINDS[kind].names})
    assert f'accept="{",".join("." + name for name in names)}"' in page
