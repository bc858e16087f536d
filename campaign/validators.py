"""Validators the apps' models share."""

from collections.abc import Collection

from django.core.exceptions import ValidationError


def refuse_reserved_slug(value: str, reserved: Collection[str]) -> None:
    """A record's slug must not take a path an app's own page uses (`/trainings/mine/`)."""
    if value in reserved:
        raise ValidationError(f"“{value}” is reserved for a portal page; choose another slug.")
