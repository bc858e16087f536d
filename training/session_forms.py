"""The forms of the admin's session page: attendance, adding, moving and reordering
people, emailing everyone, duplicating and cancelling."""

import zoneinfo
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.models import User
from training.models import Enrollment, Session

Status = Enrollment.Status


class AttendanceForm(forms.Form):
    """One choice per seated person shown (a page of the roster); `marks()` gives the
    changed ones, `everyone()` whether the "mark everyone" button was pressed."""

    def __init__(self, *args, seated: list[Enrollment], **kwargs):
        super().__init__(*args, **kwargs)
        self.seated = seated
        for enrollment in seated:
            self.fields[f"mark-{enrollment.pk}"] = forms.ChoiceField(
                label=enrollment.user.name or enrollment.user.email,
                choices=[
                    (Status.REGISTERED, _("Not marked")),
                    (Status.ATTENDED, _("Attended")),
                    (Status.NO_SHOW, _("No-show")),
                ],
                initial=enrollment.status,
                required=False,
            )

    def rows(self):
        return [(e, self[f"mark-{e.pk}"]) for e in self.seated]

    def everyone(self) -> bool:
        return self.data.get("everyone") == "attended"

    def marks(self) -> dict[int, bool]:
        marks = {}
        for enrollment in self.seated:
            chosen = self.cleaned_data.get(f"mark-{enrollment.pk}")
            if chosen in (Status.ATTENDED, Status.NO_SHOW) and chosen != enrollment.status:
                marks[enrollment.pk] = chosen == Status.ATTENDED
        return marks


class AddPersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the person to add"),
        help_text=_(
            "They need an account on the portal. A free seat registers them, else the waitlist."
        ),
    )

    def clean_email(self) -> User:
        user = User.objects.filter(
            email__iexact=self.cleaned_data["email"], is_active=True
        ).first()
        if user is None:
            raise forms.ValidationError(_("No active account has this email address."))
        return user


class MoveForm(forms.Form):
    """The other open sessions of the course, read once (each with its seats and waitlist)."""

    to_session = forms.TypedChoiceField(
        coerce=int,
        label=_("Move to the session"),
        help_text=_("A full session puts the person at the end of its waitlist."),
    )
    reason = forms.CharField(label=_("Reason (kept on record)"), required=False, max_length=500)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {session.pk: session for session in sessions}
        self.fields["to_session"].choices = [
            (pk, self.describe(session)) for pk, session in self.sessions.items()
        ]

    @staticmethod
    def describe(session: Session) -> str:
        return _(
            "%(when)s, %(where)s (%(taken)s of %(capacity)s seats taken, %(waiting)s waiting)"
        ) % {
            "when": f"{session.local_start:%b %-d, %Y %-I:%M %p %Z}",
            "where": session.location,
            "taken": session.registered_seats,
            "capacity": session.capacity if session.capacity is not None else "∞",
            "waiting": session.waitlist_length,
        }

    def clean_to_session(self) -> Session:
        return self.sessions[self.cleaned_data["to_session"]]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept on record)"),
        max_length=500,
        error_messages={"required": _("Give a reason.")},
    )


class ReorderForm(ReasonForm):
    field_order = ["position", "reason"]
    position = forms.IntegerField(label=_("New place on the waitlist"), min_value=1)


class EmailEveryoneForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to everyone enrolled)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason: it is sent to everyone enrolled.")},
    )


class DuplicateSessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("The copy starts (in the session's time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(session.time_zone)
        self.fields["starts_at"].initial = timezone.make_naive(
            session.starts_at + timedelta(days=7), self.zone
        )

    def clean_starts_at(self):
        # Typed as a wall-clock time of the session's own zone, as on the session form.
        return self.cleaned_data["starts_at"].replace(tzinfo=self.zone)
