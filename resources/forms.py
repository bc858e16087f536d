from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.forms import HoneypotForm
from campaign.widgets import PrivateFileInput
from resources.models import MaterialOrder, Resource
from resources.uploads import make_thumbnail


class ResourceAdminForm(forms.ModelForm):
    """The admin's material form; its file fields check uploads by their content."""

    class Meta:
        model = Resource
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "kind",
            "audiences",
            "pillars",
            "language",
            "translation_group",
            "file",
            "external_url",
            "thumbnail",
            "visibility",
            "published",
            "featured",
            "orderable",
            "max_per_order",
            "publisher",
            "courses",
        ]
        widgets = {
            "file": PrivateFileInput(
                lambda resource: reverse("admin:resources_resource_file", args=[resource.pk])
            )
        }

    def _post_clean(self):
        super()._post_clean()
        # A refused upload leaves the file empty, so the model then asked for "a file or an
        # external link": say instead, at the top, why the file was refused.
        if self.has_error("file"):
            top = self.errors.get(NON_FIELD_ERRORS)
            if top is not None:
                top.data = [e for e in top.as_data() if e.code != Resource.NEEDS_FILE_OR_LINK]
            self.add_error(
                None,
                forms.ValidationError(
                    _("The file was not accepted: %(reason)s"),
                    params={"reason": " ".join(self.errors["file"])},
                    code="file_refused",
                ),
            )

    def save(self, commit=True):
        resource = super().save(commit=False)
        # The model field checked a new upload by its content when the form was validated.
        checked = resource.file.checked if resource.file else None
        if checked is not None:
            resource.file_type = checked.extension
            resource.file_size = checked.size
            if checked.is_image and "thumbnail" not in self.changed_data:
                resource.thumbnail.save("thumbnail.png", make_thumbnail(resource.file), save=False)
        if commit:
            resource.save()
            self.save_m2m()
        return resource


class OrderForm(HoneypotForm, forms.ModelForm):
    """A print order: who and where, then a quantity for each orderable material."""

    # Hidden from people by CSS; bots that fill every field give themselves away.
    class Meta:
        model = MaterialOrder
        fields = [
            "contact_name",
            "email",
            "phone",
            "organization_name",
            "shipping_address",
            "display_location",
        ]
        labels = {"contact_name": "Your name", "organization_name": "Organization"}
        help_texts = {
            "shipping_address": "Street, city, state and ZIP code.",
            "display_location": "For example: the lobby of a federal building, a fire "
            "station's public entrance, a school nurse's office.",
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "organization_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "shipping_address": forms.Textarea(
                attrs={"rows": 3, "autocomplete": "street-address"}
            ),
        }

    def __init__(self, *args, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.resources = list(resources)
        for resource in self.resources:
            self.fields[self.quantity_field(resource)] = forms.IntegerField(
                label=resource.title,
                required=False,
                min_value=0,
                max_value=resource.max_per_order,
                help_text=f"{resource.get_kind_display()}; up to {resource.max_per_order} copies.",
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @staticmethod
    def quantity_field(resource: Resource) -> str:
        return f"quantity_{resource.pk}"

    def detail_fields(self):
        return [self[name] for name in self.Meta.fields]

    def quantity_fields(self):
        return [self[self.quantity_field(resource)] for resource in self.resources]

    def items(self) -> list[tuple[Resource, int]]:
        return [
            (resource, self.cleaned_data.get(self.quantity_field(resource)) or 0)
            for resource in self.resources
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(quantity for _resource, quantity in self.items()):
            raise forms.ValidationError(
                "Choose at least one material and how many copies you need."
            )
        return cleaned
