from django import template
from django.forms import BoundField

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
def markdown(text: str):
    """Renders admin-written Markdown safely (raw HTML is shown as text)."""
    from campaign.markdown import render_markdown

    return render_markdown(text)
