"""Real files of each kind, made in the test run (nothing binary is committed)."""

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas


def pdf_bytes(text: str = "Recognize the signs") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def image_bytes(format: str, size=(640, 400)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (26, 68, 128)).save(output, format=format)
    return output.getvalue()


def mp4_bytes() -> bytes:
    """An ISO base media file: an ftyp box (brand mp42) then an empty mdat box."""
    brands = b"mp42" + struct.pack(">I", 0) + b"mp42isom"
    ftyp = struct.pack(">I", 8 + len(brands)) + b"ftyp" + brands
    mdat = struct.pack(">I", 8 + 64) + b"mdat" + bytes(64)
    return ftyp + mdat


def office_bytes(part: str) -> bytes:
    """A minimal Office Open XML package whose main part lives under `part` (word/, ppt/)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        package.writestr(f"{part}document.xml", '<?xml version="1.0"?><document/>')
    return output.getvalue()


def zip_bytes() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("poster.pdf", pdf_bytes())
    return output.getvalue()


GOOD = {
    "guide.pdf": pdf_bytes,
    "poster.png": lambda: image_bytes("PNG"),
    "poster.jpg": lambda: image_bytes("JPEG"),
    "poster.jpeg": lambda: image_bytes("JPEG"),
    "card.webp": lambda: image_bytes("WEBP"),
    "roll-call.mp4": mp4_bytes,
    "toolkit.docx": lambda: office_bytes("word/"),
    "slides.pptx": lambda: office_bytes("ppt/"),
}

BAD = {
    "page.html": (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "HTML"),
    "logo.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "SVG",
    ),
    "run.sh": (b"#!/bin/sh\nrm -rf /\n", "Scripts"),
    "invoice.pdf": (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200),
        "Programs",
    ),
    "tool.pdf": (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "Programs"),
    "notes.pdf": (b"Just some plain text pretending to be a PDF.\n", "not a kind"),
    "bundle.zip": (zip_bytes(), "Archives"),
    "poster.pdf": (image_bytes("PNG"), "its content is PNG"),
    "guide.docx": (pdf_bytes(), "its content is PDF"),
}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
