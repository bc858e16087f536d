"""How a refused write is told to a person."""

from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    """All messages of a refusal as one sentence for a flash message or a page."""
    return " ".join(error.messages)
