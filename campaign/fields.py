from django.db import models


class WebsiteField(models.URLField):
    """A URL field whose form takes an address typed without a scheme as https."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
