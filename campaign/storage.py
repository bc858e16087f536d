import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from campaign.env import env_int, env_str


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


def s3_storage(*, bucket_name: str, **options) -> dict:
    """A STORAGES entry for an S3-compatible bucket: the connection comes from the
    AWS_S3_* and AWS_*_KEY variables, `options` say how its files are shared."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "file_overwrite": False,
            **options,
        },
    }


def bucket_storages() -> dict[str, dict]:
    """The STORAGES entries the environment asks for. With AWS_STORAGE_BUCKET_NAME, private
    files live in that bucket and downloads redirect to a signed link valid
    RESOURCE_LINK_SECONDS. With PUBLIC_MEDIA_BUCKET, public uploads live in a bucket anyone
    may read and are linked there (or on PUBLIC_MEDIA_DOMAIN, a CDN in front of it);
    otherwise on disk under MEDIA_ROOT, served by the reverse proxy or, with SERVE_MEDIA (on
    in development), by the portal itself with the sandbox headers."""
    storages = {}
    if private := env_str("AWS_STORAGE_BUCKET_NAME"):
        storages["private"] = s3_storage(
            bucket_name=private,
            default_acl="private",
            querystring_auth=True,
            querystring_expire=env_int("RESOURCE_LINK_SECONDS", 300),
            signature_version="s3v4",
        )
    if public := env_str("PUBLIC_MEDIA_BUCKET"):
        storages["default"] = s3_storage(
            bucket_name=public,
            custom_domain=env_str("PUBLIC_MEDIA_DOMAIN") or None,
            default_acl="public-read",
            querystring_auth=False,
            object_parameters={"CacheControl": "max-age=86400"},
        )
    return storages
