"""The admin's session page, where a session is run: its roster with attendance, a
person's place (move, promote, reorder), adding people, emailing everyone, duplicating and
cancelling with a preview of the email. Every write goes through a training service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from campaign.emails import absolute_url
from campaign.errors import error_text
from campaign.pages import link_page
from training import roster_queries, services
from training.models import Enrollment, Session
from training.session_forms import (
    AddPersonForm,
    AttendanceForm,
    CancelSessionForm,
    DuplicateSessionForm,
    EmailEveryoneForm,
    MoveForm,
    ReasonForm,
    ReorderForm,
)


def link_pages(request, roster: roster_queries.SessionRoster) -> None:
    """Gives each list's page the addresses of its previous and next pages, which keep the
    other lists' pages."""
    for name in roster_queries.ROSTER_PAGE_PARAMETERS:
        link_page(request, getattr(roster, name), name)


def posted_for(request, step: str):
    """The POST data when the form posted is this step's (each form of a page names its
    step), else None: that step's form is then unbound."""
    if request.method == "POST" and request.POST.get("step") == step:
        return request.POST
    return None


# Each page of a session: its title (with the session, or the person on a person's page)
# and its last crumb.
PAGES = {
    "run": (gettext_lazy("Run the session: %(session)s"), gettext_lazy("Roster")),
    "person": (gettext_lazy("Change the place of %(person)s"), gettext_lazy("A person's place")),
    "cancel": (gettext_lazy("Cancel the session: %(session)s"), gettext_lazy("Cancel")),
    "duplicate": (gettext_lazy("Duplicate the session: %(session)s"), gettext_lazy("Duplicate")),
}


class SessionPageMixin:
    """Adds the session page and its steps to the session's ModelAdmin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/run/", view(self.run_view), name="training_session_run"),
            path(
                "<int:pk>/run/<int:enrollment_pk>/",
                view(self.person_view),
                name="training_session_person",
            ),
            path("<int:pk>/cancel/", view(self.cancel_view), name="training_session_cancel"),
            path(
                "<int:pk>/duplicate/", view(self.duplicate_view), name="training_session_duplicate"
            ),
            *super().get_urls(),
        ]

    def _session(self, request, pk) -> Session:
        session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
        if not self.has_change_permission(request, session):
            raise Http404
        return session

    def _page(self, request, page, session, **context):
        """One of the session's pages (a key of PAGES), titled with its session, or on a
        person's page with the person."""
        title, crumb = PAGES[page]
        enrollment = context.get("enrollment")
        names = {"session": session, "person": enrollment.user if enrollment else None}
        context = {
            **self.admin_site.each_context(request),
            "title": title % names,
            "crumb": crumb,
            "opts": self.model._meta,
            "session": session,
            "run_url": reverse("admin:training_session_run", args=[session.pk]),
            **context,
        }
        return TemplateResponse(request, f"admin/training/session/{page}.html", context)

    def _act(self, request, act, done) -> bool:
        """Runs a service; its refusal becomes an error message. True when it succeeded."""
        try:
            result = act()
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return False
        self.message_user(request, done(result), messages.SUCCESS)
        return True

    def _run_posted_step(self, request, *steps) -> bool:
        """Each step is (form, act, done): the one form posted, when valid, runs its
        service as `_act` runs it. True when it succeeded."""
        for form, act, done in steps:
            if form.is_bound and form.is_valid():
                return self._act(request, act, done)
        return False

    def run_view(self, request, pk):
        session = self._session(request, pk)
        roster = roster_queries.session_roster(
            session,
            {name: request.GET.get(name) for name in roster_queries.ROSTER_PAGE_PARAMETERS},
        )
        link_pages(request, roster)
        attendance = AttendanceForm(posted_for(request, "attendance"), seated=list(roster.seated))
        add = AddPersonForm(posted_for(request, "add"))
        email = EmailEveryoneForm(posted_for(request, "email"))

        def mark_attendance():
            # "Everyone" is every seat of the session, not only the page shown.
            marks = (
                dict.fromkeys(roster_queries.unattended_seat_ids(session), True)
                if attendance.everyone()
                else attendance.marks()
            )
            return services.mark_roster_attendance(
                session=session, marks=marks, marked_by=request.user
            )

        if self._run_posted_step(
            request,
            (
                attendance,
                mark_attendance,
                lambda n: ngettext("%(n)s person marked.", "%(n)s people marked.", n) % {"n": n},
            ),
            (
                add,
                lambda: services.add_person(
                    session=session, user=add.cleaned_data["email"], added_by=request.user
                ),
                lambda e: (
                    _("%(person)s added: %(status)s.")
                    % {"person": e.user.email, "status": e.get_status_display()}
                ),
            ),
            (
                email,
                lambda: services.email_enrolled(
                    session=session, sent_by=request.user, **email.cleaned_data
                ),
                lambda n: ngettext("%(n)s person emailed.", "%(n)s people emailed.", n) % {"n": n},
            ),
        ):
            return redirect(request.get_full_path())  # the same page of each list
        return self._page(
            request,
            "run",
            session,
            roster=roster,
            attendance=attendance,
            add_form=add,
            email_form=email,
        )

    def person_view(self, request, pk, enrollment_pk):
        session = self._session(request, pk)
        enrollment = get_object_or_404(
            Enrollment.objects.select_related("user", "organization").filter(
                status__in=[Enrollment.Status.REGISTERED, Enrollment.Status.WAITLISTED]
            ),
            pk=enrollment_pk,
            session=session,
        )
        move = MoveForm(
            posted_for(request, "move"), sessions=roster_queries.sessions_to_move_to(session)
        )
        reorder = ReorderForm(posted_for(request, "reorder"))
        promote = ReasonForm(posted_for(request, "promote"), prefix="promote")
        if self._run_posted_step(
            request,
            (
                move,
                lambda: services.move_enrollment(
                    enrollment=enrollment, moved_by=request.user, **move.cleaned_data
                ),
                lambda e: (
                    _("%(person)s moved to %(session)s: %(status)s.")
                    % {
                        "person": e.user.email,
                        "session": e.session,
                        "status": e.get_status_display(),
                    }
                ),
            ),
            (
                reorder,
                lambda: services.reorder_waitlist(
                    enrollment=enrollment, moved_by=request.user, **reorder.cleaned_data
                ),
                lambda e: (
                    _("%(person)s is now number %(n)s on the waitlist.")
                    % {"person": e.user.email, "n": reorder.cleaned_data["position"]}
                ),
            ),
            (
                promote,
                lambda: services.promote_waitlisted(
                    enrollment=enrollment,
                    promoted_by=request.user,
                    reason=promote.cleaned_data["reason"],
                ),
                lambda e: _("%(person)s now has a seat.") % {"person": e.user.email},
            ),
        ):
            return redirect("admin:training_session_run", session.pk)
        if enrollment.status == Enrollment.Status.WAITLISTED:
            enrollment.position = services.waitlist_position(enrollment)
        return self._page(
            request,
            "person",
            session,
            enrollment=enrollment,
            move_form=move,
            reorder_form=reorder,
            promote_form=promote,
        )

    def cancel_view(self, request, pk):
        session = self._session(request, pk)
        form = CancelSessionForm(request.POST if request.method == "POST" else None)
        preview = None
        if form.is_valid() and "edit" not in request.POST:
            reason = form.cleaned_data["reason"]
            if "confirm" in request.POST and self._act(
                request,
                lambda: services.cancel_session(
                    session=session, cancelled_by=request.user, reason=reason
                ),
                lambda n: (
                    ngettext(
                        "The session was cancelled; %(n)s person emailed.",
                        "The session was cancelled; %(n)s people emailed.",
                        n,
                    )
                    % {"n": n}
                ),
            ):
                return redirect("admin:training_session_run", session.pk)
            preview = self._cancel_email_preview(request, session, reason)
        return self._page(
            request,
            "cancel",
            session,
            form=form,
            preview=preview,
            people=session.registered_seats + session.waitlist_length,
        )

    def _cancel_email_preview(self, request, session, reason) -> str:
        """The email as the first person enrolled (or the admin) would read it."""
        next_session = services.next_session_of(session)
        sample = Enrollment(user=request.user, session=session)
        # The email is plain text (rendered unescaped): escape it all to show it in a page.
        return escape(
            render_to_string(
                "training/email/session_cancelled_message.txt",
                {
                    "SITE_URL": absolute_url(""),
                    "enrollment": sample,
                    "session": session,
                    "course": session.course,
                    "reason": reason,
                    "next_session": next_session,
                    "next_session_url": (
                        absolute_url(next_session.get_absolute_url()) if next_session else ""
                    ),
                },
            )
        )

    def duplicate_view(self, request, pk):
        session = self._session(request, pk)
        form = DuplicateSessionForm(
            request.POST if request.method == "POST" else None, session=session
        )
        if form.is_valid():
            try:
                copy = services.duplicate_session(
                    session=session,
                    starts_at=form.cleaned_data["starts_at"],
                    duplicated_by=request.user,
                )
            except ValidationError as error:
                form.add_error("starts_at", error)
            else:
                self.message_user(
                    request, _("The copy was made: check it and save."), messages.SUCCESS
                )
                return redirect("admin:training_session_change", copy.pk)
        return self._page(request, "duplicate", session, form=form)
