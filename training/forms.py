from django import forms


class BulkEnrollForm(forms.Form):
    """Members to enroll, by membership id; the view offers only those the coordinator manages."""

    memberships = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Staff to enroll",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one person to enroll."},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memberships"].choices = [
            (m.pk, f"{m.user.name or m.user.email} ({m.organization.name})") for m in memberships
        ]
