"""The one check every uploaded file passes, and the one way uploaded files are served.

The content decides a file's kind, never its name: the name must agree with the content, the
kind must be one the field allows, the size within the field's limit, and no web page code may
hide anywhere in the file. Files are served with the type of their detected kind, `nosniff`
and a sandboxing CSP, inline only for kinds a browser shows safely.
"""

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from PIL import Image


@dataclass(frozen=True)
class Kind:
    label: str
    mime: str
    names: frozenset[str]  # the extensions an uploader may give such a file
    inline: bool  # a browser shows it itself without running anything of the portal's origin


KINDS = {
    "pdf": Kind("PDF", "application/pdf", frozenset({"pdf"}), True),
    "png": Kind("PNG", "image/png", frozenset({"png"}), True),
    "jpg": Kind("JPEG", "image/jpeg", frozenset({"jpg", "jpeg"}), True),
    "webp": Kind("WebP", "image/webp", frozenset({"webp"}), True),
    "mp4": Kind("MP4", "video/mp4", frozenset({"mp4", "m4v"}), True),
    "webm": Kind("WebM", "video/webm", frozenset({"webm"}), True),
    "mp3": Kind("MP3", "audio/mpeg", frozenset({"mp3"}), True),
    "docx": Kind(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        frozenset({"docx"}),
        False,
    ),
    "pptx": Kind(
        "PPTX",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        frozenset({"pptx"}),
        False,
    ),
}
KINDS["csv"] = Kind("CSV", "text/csv", frozenset({"csv"}), False)
IMAGES = ("png", "jpg", "webp")
UTF8_BOM = b"\xef\xbb\xbf"
ARCHIVES = {"zip", "tar", "rar", "gz", "bz2", "7z", "xz", "zst", "lz", "lz4", "cab", "deb", "rpm"}
EXECUTABLES = {"exe", "elf", "wasm", "swf", "crx", "dex", "dmg", "macho", "class"}
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
# Web page code that must not hide anywhere in an accepted file (after a valid header, say).
# Files are served so that no browser runs it; refusing it as well is defence in depth.
# Whole tags only (the name, then a space, / or >): compressed data holds short byte runs
# such as `<svg` by chance.
HIDDEN_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body)[\s/>]|<!doctype\s+html|javascript:|<\?php",
    re.IGNORECASE,
)
SCAN_CHUNK = 1024 * 1024
OVERLAP = 32  # longer than any marker, so one split across two chunks is still found
# Audio and video are large and near-random: read where markup would be put (the start and
# the end); the detected type, nosniff and the sandbox keep the rest harmless when served.
SCAN_ENDS_ONLY = {"mp4", "webm", "mp3"}


@dataclass(frozen=True)
class UploadPolicy:
    """What one file field accepts: its kinds and its size limit (in MB, or read from a
    setting at each use so tests and deployments can change it)."""

    kinds: tuple[str, ...]
    max_mb: int = 10
    max_mb_setting: str = ""

    def max_bytes(self) -> int:
        return self.max_mb_limit() * 1024 * 1024

    def max_mb_limit(self) -> int:
        if self.max_mb_setting:
            return getattr(settings, self.max_mb_setting, self.max_mb)
        return self.max_mb

    @property
    def accepted_text(self) -> str:
        labels = [KINDS[kind].label for kind in self.kinds]
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    mime: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.extension in IMAGES


def check_upload(upload, *, policy: UploadPolicy, name: str | None = None) -> CheckedFile:
    """The file's real kind if `policy` accepts it, or a ValidationError that says plainly
    why it is refused. `name` (default: the upload's own) must agree with the content. Reads
    the whole file (markup scan) and leaves it at its start."""
    accepted = policy.accepted_text
    if upload.size > policy.max_bytes():
        raise ValidationError(
            f"This file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{policy.max_mb_limit()} MB."
        )
    if not upload.size:
        raise ValidationError("The file is empty.")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    named = PurePath(name or upload.name or "").suffix.lower().lstrip(".")
    if kind is None and "csv" in policy.kinds:
        return check_csv(upload, named=named)
    if kind is None:
        lowered = head.lstrip().lower()
        for marker, reason in UNSAFE_TEXT:
            if lowered.startswith(marker) or (marker != b"#!" and marker in lowered[:1024]):
                raise ValidationError(f"{reason}. Upload a {accepted} file.")
        raise ValidationError(
            f"The content of this file is not a kind accepted here ({accepted})."
        )
    if kind.extension in EXECUTABLES:
        raise ValidationError("Programs and executable files are not accepted.")
    if kind.extension in ARCHIVES:
        raise ValidationError("Archives (ZIP and the like) are not accepted: upload each file.")
    hidden = hidden_markup(upload, ends_only=kind.extension in SCAN_ENDS_ONLY)
    if hidden:
        raise ValidationError(
            f"This file contains web page code ({hidden}) hidden in its content; such files "
            "are not accepted. Save it again from the program that made it."
        )
    label = KINDS[kind.extension].label if kind.extension in KINDS else kind.extension.upper()
    if kind.extension not in policy.kinds:
        raise ValidationError(f"{label} files are not accepted here. Upload a {accepted} file.")
    if named not in KINDS[kind.extension].names:
        raise ValidationError(
            f"The file is named “.{named or '(none)'}” but its content is {label}: "
            "rename it or upload the right file."
        )
    if kind.extension in IMAGES:
        check_image(upload, kind.extension)
    return CheckedFile(extension=kind.extension, mime=kind.mime, size=upload.size)


def check_csv(upload, *, named: str) -> CheckedFile:
    """A CSV file: UTF-8 text (a leading byte-order mark is tolerated) without NUL bytes or
    web page code, named .csv. Leaves the file at its start."""
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        text = content.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            "This file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."
        ) from None
    if "\x00" in text:
        raise ValidationError("This file is not a text file. Upload a CSV file.")
    found = HIDDEN_MARKUP.search(content) or next(
        (marker for marker, _reason in UNSAFE_TEXT if content.lower().startswith(marker)), None
    )
    if found:
        raise ValidationError("This file contains web page code; such files are not accepted.")
    if named != "csv":
        raise ValidationError(
            f"The file is named “.{named or '(none)'}” but its content is text: "
            "name it .csv or upload the right file."
        )
    return CheckedFile(extension="csv", mime="text/csv", size=upload.size)


def hidden_markup(upload, *, ends_only: bool = False) -> str | None:
    """The first web page tag found in the file (anywhere, or with `ends_only` in its first
    and last megabyte), shortened for a message; None if there is none."""
    try:
        if ends_only and upload.size > 2 * SCAN_CHUNK:
            upload.seek(0)
            head = upload.read(SCAN_CHUNK)
            upload.seek(upload.size - SCAN_CHUNK)
            chunks = [head, upload.read(SCAN_CHUNK)]
        else:
            upload.seek(0)
            chunks = iter(lambda: upload.read(SCAN_CHUNK), b"")
        tail = b""
        for chunk in chunks:
            window = tail + chunk
            found = HIDDEN_MARKUP.search(window)
            if found:
                return found.group().decode("ascii", "replace").strip(" \t\r\n/>").lower()
            # The start and the end of a large file are not adjacent: carry nothing over.
            tail = b"" if ends_only else window[-OVERLAP:]
    finally:
        upload.seek(0)
    return None


def check_image(upload, extension: str) -> None:
    """Pillow must read the image, and nothing may follow the image's end."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("This image is damaged or too large to read; save it again.") from (
            error
        )
    if trailing_data(data, extension):
        raise ValidationError(
            "This image has extra data after its end; save it again from an image editor."
        )


def trailing_data(data: bytes, extension: str) -> bool:
    if extension == "png":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8  # the IEND type, then its 4-byte checksum
    if extension == "webp":
        riff_size = int.from_bytes(data[4:8], "little")
        return len(data) > 8 + riff_size + (riff_size & 1)
    # JPEG: the file must end at its end-of-image marker.
    return not data.rstrip(b"\0").endswith(b"\xff\xd9")


def detected_extension(handle) -> str | None:
    """The kind (its KINDS key) of a stored file, read from its content, never its name;
    None for content the portal does not accept."""
    head = handle.read(8192)
    handle.seek(0)
    guess = filetype.guess(head)
    return guess.extension if guess and guess.extension in KINDS else None


def file_response(handle, *, download_stem: str, as_attachment: bool = False) -> FileResponse:
    """A response that streams an opened uploaded file so that no browser runs anything in
    it: the type of its detected kind (unknown: application/octet-stream, no extension),
    `nosniff`, a sandboxing CSP (the site-wide CSP middleware leaves a set header alone),
    and inline only for kinds a browser shows safely (PDF, images, audio, video); everything
    else is an attachment. The file is named `download_stem` plus the detected extension."""
    extension = detected_extension(handle)
    kind = KINDS[extension] if extension else None
    inline = kind is not None and kind.inline and not as_attachment
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"{download_stem}.{extension}" if extension else download_stem,
        content_type=kind.mime if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
