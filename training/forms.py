import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.csv_import import PeopleFileForm
from campaign.widgets import DateInput
from training.models import (
    Agreement,
    Course,
    Evaluation,
    Session,
    TrainingRequest,
    time_zone_choices,
)


class StaffSearchForm(forms.Form):
    """Narrows the staff a coordinator may enroll: a name or email, one of their organizations."""

    q = forms.CharField(label=_("Name or email"), required=False, max_length=100)
    organization = forms.TypedChoiceField(
        label=_("Organization (with its sub-organizations)"), coerce=int, required=False
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("All my organizations"))] + [
            (organization.pk, organization.name) for organization in organizations
        ]

    def filters(self) -> dict:
        """The search and organization to apply; nothing from a search that is not valid."""
        if not self.is_valid():
            return {"search": "", "organization_id": None}
        return {
            "search": self.cleaned_data["q"].strip(),
            "organization_id": self.cleaned_data["organization"] or None,
        }


class BulkEnrollForm(forms.Form):
    """Members to enroll, by membership id (any the coordinator manages), or everyone the
    search found."""

    memberships = forms.TypedMultipleChoiceField(
        coerce=int,
        label=_("Staff to enroll"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    everyone = forms.BooleanField(required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memberships"].choices = choices

    def clean(self):
        data = super().clean()
        if not data.get("memberships") and not data.get("everyone"):
            raise forms.ValidationError("Choose at least one person to enroll.")
        return data


class StaffFileForm(PeopleFileForm):
    file_label = _("CSV file of staff to enroll")


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The six letters and digits on the trainer's screen."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": "Type the code shown on the trainer's screen."},
    )


class KnowledgeCheckForm(forms.Form):
    """One set of radio buttons per question; choices are numbered from 1."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(i, text) for i, text in enumerate(question.choice_list, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose an answer."},
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class TrainingRequestForm(forms.ModelForm):
    class Meta:
        model = TrainingRequest
        fields = [
            "organization",
            "course",
            "topic",
            "audience",
            "expected_attendees",
            "delivery",
            "location",
            "preferred_dates",
            "notes",
        ]
        labels = {
            "course": "Course",
            "expected_attendees": "How many people will attend",
            "delivery": "Where",
            "preferred_dates": "Preferred dates",
            "notes": "Anything else we should know (optional)",
        }
        help_texts = {
            "course": "Choose a course, or leave empty and describe a topic below.",
            "preferred_dates": "For example: any Tuesday morning in March.",
        }
        widgets = {
            "delivery": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        self.fields["course"].queryset = Course.objects.filter(published=True).order_by("title")
        self.fields["course"].empty_label = "No course fits: I describe a topic"
        self.fields["delivery"].choices = TrainingRequest.Delivery.choices

    def clean(self):
        data = super().clean()
        if not data.get("course") and not data.get("topic", "").strip():
            self.add_error("topic", "Choose a course or describe a topic.")
        if (
            data.get("delivery") == TrainingRequest.Delivery.IN_PERSON
            and not data.get("location", "").strip()
        ):
            self.add_error("location", "Give the address for an in-person training.")
        return data

    def _post_clean(self):
        # The organization's own check runs in the service; the model's constraint on
        # course-or-topic is already covered by clean().
        pass


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end date must be on or after the start date.")
        return data


class SessionTimesForm(forms.ModelForm):
    """The admin's session form (its own page and the rows on the course page): times are
    typed and shown as wall-clock times of the session's own zone, the one chosen in the
    same form, never of the server's."""

    TIME_FIELDS = (
        "starts_at",
        "ends_at",
        "registration_opens_at",
        "registration_closes_at",
        "decision_at",
    )

    class Meta:
        model = Session
        fields = "__all__"  # noqa: DJ007 - the admin chooses the fields it shows

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored_zone = self.instance.zone if self.instance.time_zone else None
        for name in self.TIME_FIELDS:
            if name not in self.fields:
                continue
            value = getattr(self.instance, name) if self.instance.pk else None
            if value is not None and stored_zone is not None:
                # Naive, so the widget shows it as it is instead of in the server's zone.
                self.initial[name] = timezone.make_naive(value, stored_zone)
            self.fields[name].help_text = " ".join(
                str(text) for text in [self.fields[name].help_text, self._zone_help()] if text
            )

    def _zone_help(self) -> str:
        if self.instance.pk:
            return f"In the session's time zone ({self.instance.time_zone})."
        return "In the session's own time zone (the time zone chosen for it here)."

    def _typed_zone(self) -> zoneinfo.ZoneInfo | None:
        name = self.data.get(self.add_prefix("time_zone")) or self.instance.time_zone
        try:
            return zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None  # the field itself says the choice is not valid

    def full_clean(self):
        zone = self._typed_zone() if self.is_bound else None
        if zone is None:
            return super().full_clean()
        # Django reads a typed date and time in the current zone: make it the session's.
        with timezone.override(zone):
            return super().full_clean()


class AcceptRequestForm(forms.Form):
    """What the admin decides when accepting a training request."""

    course = forms.ModelChoiceField(queryset=Course.objects.order_by("title"))
    starts_at = forms.DateTimeField(
        label=_("Starts (in the time zone below)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="America/Los_Angeles")
    capacity = forms.IntegerField(min_value=1, required=False)
    online = forms.BooleanField(required=False, initial=True)
    join_url = forms.URLField(required=False, assume_scheme="https")
    venue_name = forms.CharField(required=False, max_length=200)
    venue_address = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone and data.get("starts_at") and data.get("ends_at"):
            tz = zoneinfo.ZoneInfo(zone)
            # The admin types wall-clock times of the session's own zone.
            data["starts_at"] = data["starts_at"].replace(tzinfo=tz)
            data["ends_at"] = data["ends_at"].replace(tzinfo=tz)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends_at", "A session must end after it starts.")
        return data


class EvaluationForm(forms.Form):
    """The evaluation of a session: each statement rated on one scale, then two free texts."""

    most_useful = forms.CharField(
        label=Evaluation._meta.get_field("most_useful").verbose_name,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to_improve = forms.CharField(
        label=Evaluation._meta.get_field("to_improve").verbose_name,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {
            name: forms.TypedChoiceField(
                label=Evaluation.statement(name),
                choices=Agreement.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how much you agree with this.")},
            )
            for name in Evaluation.RATINGS
        }
        # The ratings first, in the model's order, then the free texts.
        self.fields = {**ratings, **self.fields}

    def answers(self) -> dict:
        """The cleaned answers as submit_evaluation takes them."""
        data = self.cleaned_data
        return {
            "ratings": {name: data[name] for name in Evaluation.RATINGS},
            "most_useful": data["most_useful"],
            "to_improve": data["to_improve"],
        }
