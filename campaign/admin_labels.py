"""Names for the admin's form controls that Django's markup leaves without a label.

Django renders a changelist's editable columns and a tabular inline's fields in table
cells with no <label>, and the parts of a split date/time field with one label for the
first part only (its `for` is empty since Django 4). The portal's admin site applies
`LabelledControlsMixin` to every model admin and inline (`PortalAdminSite.register`),
which names each such control with `aria-label`.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SPLIT_PART_NAMES = {forms.SplitDateTimeWidget: (gettext_lazy("Date"), gettext_lazy("Time"))}


def name_controls(form: forms.BaseForm, *, every_field: bool, of: str = "") -> None:
    """Gives the widgets of `form` an aria-label: the parts of multi-part widgets always,
    every widget when `every_field` (controls in a table's cells), with `of` (the row's
    object) after the field's label so that rows tell apart."""
    for field in form.fields.values():
        label = str(field.label or "")
        if of:
            label = _("%(field)s of %(object)s") % {"field": label, "object": of}
        widget = field.widget
        parts = getattr(widget, "widgets", None)
        if parts:
            names = next(
                (names for kind, names in SPLIT_PART_NAMES.items() if isinstance(widget, kind)),
                [str(number) for number in range(1, len(parts) + 1)],
            )
            for part, name in zip(parts, names, strict=False):
                part.attrs.setdefault("aria-label", f"{label}: {name}")
        elif every_field and not widget.is_hidden:
            widget.attrs.setdefault("aria-label", label)


def labelled(form_class: type[forms.BaseForm], *, every_field: bool, by_row: bool = False):
    """`form_class` with named controls (see name_controls)."""

    class Labelled(form_class):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            instance = getattr(self, "instance", None)
            of = str(instance) if by_row and instance is not None and instance.pk else ""
            name_controls(self, every_field=every_field, of=of)

    Labelled.__name__ = Labelled.__qualname__ = form_class.__name__
    return Labelled


class LabelledControlsMixin:
    """For a ModelAdmin or an InlineModelAdmin: names every control Django leaves
    unlabelled (editable changelist columns, tabular inline cells, split fields)."""

    def get_form(self, request, obj=None, **kwargs):
        return labelled(super().get_form(request, obj, **kwargs), every_field=False)

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return labelled(form, every_field=True, by_row=True)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        tabular = "tabular" in getattr(self, "template", "")

        class Labelled(formset):
            def add_fields(self, form, index) -> None:
                # After the formset's own fields (DELETE, ORDER) are added to the row.
                super().add_fields(form, index)
                name_controls(form, every_field=tabular)

        Labelled.__name__ = Labelled.__qualname__ = formset.__name__
        return Labelled
