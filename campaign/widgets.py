"""Form widgets shared by the apps' forms."""

from collections.abc import Callable

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import Model


class StoredFileLink:
    """What the file widget shows for a stored private file: its name and a link that checks
    who asks."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class PrivateFileInput(AdminFileWidget):
    """The admin's file input for private storage, which has no URLs (asking for one raises):
    the stored file links to the view `url_for(instance)` that serves it."""

    def __init__(self, url_for: Callable[[Model], str], attrs=None):
        super().__init__(attrs)
        self.url_for = url_for

    def is_initial(self, value) -> bool:
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value) and getattr(value.instance, "pk", None):
            context["widget"]["value"] = StoredFileLink(value.name, self.url_for(value.instance))
        return context


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be an ISO date whatever the page's
    language (Django would write a date in the language's own order)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
