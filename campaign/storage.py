import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files no URL serves (agreement documents, partner-only files); views check access
    and stream them. The folder is read from PRIVATE_MEDIA_ROOT at each use."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; a view that checks access serves them.")


def generated_name(folder: str, filename: str) -> str:
    """A stored name the portal makes up, keeping only the (short) extension: never the
    uploader's name, which may say who they are or clash with another file."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"{folder}/{uuid.uuid4().hex}{suffix}"
