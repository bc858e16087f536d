"""The one way a portal page asks "are you sure?" before a write that cannot be undone in
one click (removing a member, demoting a coordinator, cancelling a seat): the first POST
shows a confirmation page, the POST from that page carries `confirmed` and goes ahead."""

from collections.abc import Mapping

from django.template.response import TemplateResponse

CONFIRMED = "confirmed"


def ask_to_confirm(
    request,
    *,
    title: str,
    question: str,
    button: str,
    back: str,
    carry: Mapping[str, str] | None = None,
    crumbs: list | None = None,
) -> TemplateResponse | None:
    """The confirmation page, or None when the person already confirmed. `carry` are the
    fields the original form sent, sent again with the confirmation; `back` is where
    "Keep it as it is" goes."""
    if request.POST.get(CONFIRMED):
        return None
    return TemplateResponse(
        request,
        "includes/confirm.html",
        {
            "title": title,
            "question": question,
            "button": button,
            "back": back,
            "carry": dict(carry or {}),
            "confirmed_field": CONFIRMED,
            "crumbs": crumbs or [(title, None)],
        },
    )
