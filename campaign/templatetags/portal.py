from django import template
from django.conf import settings
from django.forms import BoundField
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html

from campaign import dates
from campaign.typed_content import shown_language

register = template.Library()

WIDGET_CLASSES = {
    "checkbox": "usa-checkbox__input",
    "radio": "usa-radio__input",
    "select": "usa-select",
    "file": "usa-file-input",
}


@register.simple_tag
def uswds_widget(field: BoundField):
    """Renders a form field's widget with USWDS classes and its error description."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    if widget.__class__.__name__ == "Textarea":
        css = "usa-textarea"
    elif widget.__class__.__name__.endswith("Select"):
        css = "usa-select"
    else:
        css = WIDGET_CLASSES.get(input_type, "usa-input")
    attrs = {"class": " ".join(filter(None, [widget.attrs.get("class", ""), css]))}
    if field.errors:
        attrs["class"] += " usa-input--error"
        attrs["aria-invalid"] = "true"
        described = [f"{field.auto_id}_error"]
        if field.help_text:
            described.append(f"{field.auto_id}_helptext")
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def lang_if_fallback(obj, field: str) -> str:
    """` lang="en"` when `obj.<field>` shows its English because the page's language has
    no text yet, else nothing: `<h1{{ post|lang_if_fallback:'title' }}>`."""
    shown = shown_language(obj, field)
    if shown == (translation.get_language() or settings.LANGUAGE_CODE):
        return ""
    return format_html(' lang="{}"', shown)


@register.filter
def has_a_filter_set(form) -> bool:
    """Whether a list's GET filter form has a value in any of its fields (a page number or
    an unknown parameter is no filter)."""
    return form.is_bound and any(form.data.get(name) for name in form.fields)


@register.filter
def date_as(value, name: str) -> str:
    """A date or time written as the page's language writes it, by what it shows:
    `{{ post.published_at|date_as:"day" }}`, `{{ session.local_start|date_as:"weekday and
    time with zone" }}`. The names are in `campaign.dates`."""
    return dates.date_as(value, name)


@register.filter
def markdown(text: str):
    """Renders admin-written Markdown safely (raw HTML is shown as text)."""
    from campaign.markdown import render_markdown

    return render_markdown(text)


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each of the portal's languages: code, name (in itself) and path,
    for the language selector and the hreflang alternates."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    return [
        {
            "code": code,
            "name": name,
            "path": translate_url(path, code),
            "current": code == translation.get_language(),
        }
        for code, name in settings.LANGUAGES
    ]


@register.simple_block_tag
def folding_filters(content, id: str, *, unfolded: bool = False) -> str:
    """A list's filters (the block), folded under a "Filter" button on a phone so that the
    results come first; `unfolded` opens them (while a filter is set, say)."""
    return render_to_string(
        "includes/folding_filters.html", {"filters": content, "id": id, "unfolded": unfolded}
    )


@register.simple_block_tag
def table(content, caption, *headers, stacked=True, empty=""):
    """A USWDS table around its rows (the block): the caption for screen readers and one
    column header a label; `stacked` tables reflow into cards on a phone. With `empty`, a
    block without rows shows that sentence instead of an empty table."""
    if empty and not content.strip():
        return format_html("<p>{}</p>", empty)
    return render_to_string(
        "includes/table.html",
        {"rows": content, "caption": caption, "headers": headers, "stacked": stacked},
    )
