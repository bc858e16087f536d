"""How a refused write is told to a person."""

from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    """All messages of a refusal as one sentence for a flash message or a page."""
    return " ".join(error.messages)


def required_reason(reason: str, refusal: str) -> str:
    """The reason a person gave for a decision, stripped; refused with `refusal` when blank."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(refusal)
    return reason
