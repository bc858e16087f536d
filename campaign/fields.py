from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile

from campaign.uploads import KINDS, CheckedFile, UploadPolicy, check_upload


def account_that_acted(
    *, blank: bool = True, related_name: str = "+", **options
) -> models.ForeignKey:
    """The account that did something to a record (decided, revoked, invited, marked): the
    record outlives the account (SET_NULL), and the account gets no reverse accessor unless
    one is named."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


class WebsiteField(models.URLField):
    """A URL field whose form takes an address typed without a scheme as https."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class CheckedFieldFile(FieldFile):
    """A stored file whose every save passes the field's upload check and is stored under a
    generated name with the extension of its detected kind."""

    checked: CheckedFile | None = None

    def save(self, name, content, save=True):
        self.checked = check_upload(content, policy=self.field.policy, name=name)
        super().save(f"upload.{self.checked.extension}", content, save)


class CheckedFileField(models.FileField):
    """A file field that accepts only the kinds named, up to its size limit, checked by
    content (campaign.uploads.check_upload) in validation, so the admin and every form
    refuse a bad file with a message, and again at save, so no code path stores one."""

    attr_class = CheckedFieldFile

    def __init__(
        self,
        *args,
        kinds: tuple[str, ...] = (),
        max_mb: int = 10,
        max_mb_setting: str = "",
        **kwargs,
    ):
        self.policy = UploadPolicy(
            kinds=tuple(kinds), max_mb=max_mb, max_mb_setting=max_mb_setting
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kinds"] = self.policy.kinds
        kwargs["max_mb"] = self.policy.max_mb
        if self.policy.max_mb_setting:
            kwargs["max_mb_setting"] = self.policy.max_mb_setting
        return name, path, args, kwargs

    def max_upload_bytes(self) -> int:
        return self.policy.max_bytes()

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not value._committed:  # a new upload, not the stored file
            value.checked = check_upload(value.file, policy=self.policy)

    def formfield(self, **kwargs):
        names = sorted({name for kind in self.policy.kinds for name in KINDS[kind].names})
        field = super().formfield(**kwargs)
        field.widget.attrs.setdefault("accept", ",".join(f".{name}" for name in names))
        return field
