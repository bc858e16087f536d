"""Thumbnails of uploaded material images (the upload check itself is campaign.uploads)."""

import io

from django.core.files.base import ContentFile
from PIL import Image

THUMBNAIL_SIZE = (480, 480)


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
