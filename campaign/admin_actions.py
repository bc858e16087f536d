"""The two shapes every admin write takes: a service run over the selection, and a page
that asks for a reason before running a service."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from campaign.errors import error_text


def run_over_selection(
    model_admin,
    request,
    objects: Iterable[Any],
    act: Callable[[Any], Any],
    *,
    name: Callable[[Any], str] | None = str,
    done_each: Callable[[Any, Any], str] | None = None,
    done_total: Callable[[int], str] | None = None,
) -> int:
    """Runs `act` (a service call) on each object in its own transaction, so one refusal
    does not undo the others. Each refusal becomes an error message (prefixed with
    `name(obj)` unless `name` is None); `done_each(obj, result)` reports each success and
    `done_total(count)` the number done. Returns how many succeeded."""
    succeeded = 0
    for obj in objects:
        try:
            result = act(obj)
        except ValidationError as error:
            prefix = f"{name(obj)}: " if name else ""
            model_admin.message_user(request, prefix + error_text(error), messages.ERROR)
        else:
            succeeded += 1
            if done_each:
                model_admin.message_user(request, done_each(obj, result), messages.SUCCESS)
    if succeeded and done_total:
        model_admin.message_user(request, done_total(succeeded), messages.SUCCESS)
    return succeeded


def selection_action(description: str, act: Callable[[Any, Any], Any], **reports):
    """An admin action (named by the attribute it is assigned to) that runs
    `act(obj, acting_user)` over the selection as `run_over_selection` does, with its
    `reports` (name, done_each, done_total)."""

    @admin.action(description=description)
    def action(model_admin, request, queryset) -> None:
        run_over_selection(
            model_admin, request, queryset, lambda obj: act(obj, request.user), **reports
        )

    return action


def answer_with_reason(
    model_admin,
    request,
    *,
    act,
    done: str | None,
    back: str,
    title: str,
    then: str | None = None,
    **text,
):
    """An admin page that asks for a reason and passes it to `act` (a service call, or
    `run_over_selection` for several objects); the service's refusal is shown on the page,
    its success as the message `done` (None when `act` reported itself) at `then`, which
    defaults to `back`, where Cancel goes."""
    error = None
    if request.method == "POST":
        try:
            act(request.POST.get("reason", ""))
        except ValidationError as exc:
            error = error_text(exc)
        else:
            if done:
                model_admin.message_user(request, done, messages.SUCCESS)
            return redirect(then or back)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "error": error,
        "cancel_url": back,
        **text,
    }
    return TemplateResponse(request, "admin/answer_with_reason.html", context)
