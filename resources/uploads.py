"""Checks on uploaded material files: the content decides the kind, never the name."""

import io
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

# Detected extension → the names an uploader may give such a file.
ALLOWED = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg", "jpeg"},
    "webp": {"webp"},
    "mp4": {"mp4", "m4v"},
    "docx": {"docx"},
    "pptx": {"pptx"},
}
IMAGES = {"png", "jpg", "webp"}
ARCHIVES = {"zip", "tar", "rar", "gz", "bz2", "7z", "xz", "zst", "lz", "lz4", "cab", "deb", "rpm"}
EXECUTABLES = {"exe", "elf", "wasm", "swf", "crx"}
# Markers of markup and scripts that text files start with or carry near the top.
UNSAFE_TEXT = [
    (b"<svg", "SVG images can carry scripts"),
    (b"<!doctype html", "Web pages (HTML) are not accepted"),
    (b"<html", "Web pages (HTML) are not accepted"),
    (b"<script", "Scripts are not accepted"),
    (b"#!", "Scripts are not accepted"),
    (b"<?php", "Scripts are not accepted"),
    (b"<?xml", "XML and SVG files are not accepted"),
]
THUMBNAIL_SIZE = (480, 480)
ACCEPTED_TEXT = "PDF, PNG, JPEG, WebP, MP4, DOCX or PPTX"


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    mime: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.extension in IMAGES


def max_upload_bytes() -> int:
    return settings.RESOURCE_MAX_UPLOAD_MB * 1024 * 1024


def check_upload(upload) -> CheckedFile:
    """The file's real kind, or a ValidationError that says plainly why it is refused."""
    if upload.size > max_upload_bytes():
        raise ValidationError(
            f"This file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{settings.RESOURCE_MAX_UPLOAD_MB} MB."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    named = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if kind is None:
        lowered = head.lstrip().lower()
        for marker, reason in UNSAFE_TEXT:
            if lowered.startswith(marker) or (marker != b"#!" and marker in lowered[:1024]):
                raise ValidationError(f"{reason}. Upload a {ACCEPTED_TEXT} file.")
        raise ValidationError(
            f"The content of this file is not a kind the library accepts ({ACCEPTED_TEXT})."
        )
    if kind.extension in EXECUTABLES:
        raise ValidationError("Programs and executable files are not accepted.")
    if kind.extension in ARCHIVES:
        raise ValidationError("Archives (ZIP and the like) are not accepted: upload each file.")
    if kind.extension not in ALLOWED:
        raise ValidationError(
            f"{kind.extension.upper()} files are not accepted. Upload a {ACCEPTED_TEXT} file."
        )
    if named not in ALLOWED[kind.extension]:
        raise ValidationError(
            f"The file is named “.{named or '(none)'}” but its content is "
            f"{kind.extension.upper()}: rename it or upload the right file."
        )
    return CheckedFile(extension=kind.extension, mime=kind.mime, size=upload.size)


def make_thumbnail(upload) -> ContentFile:
    """A PNG no larger than THUMBNAIL_SIZE of an uploaded image."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        converted = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
        output = io.BytesIO()
        converted.save(output, format="PNG", optimize=True)
    upload.seek(0)
    return ContentFile(output.getvalue(), name="thumbnail.png")
