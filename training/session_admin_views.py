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
from django.utils.translation import ngettext

from campaign.emails import absolute_url
from campaign.errors import error_text
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
        page = getattr(roster, name)
        page.previous_url = page.next_url = None
        for attribute, number in [
            ("previous_url", page.has_previous() and page.previous_page_number()),
            ("next_url", page.has_next() and page.next_page_number()),
        ]:
            if number:
                query = request.GET.copy()
                query[name] = number
                setattr(page, attribute, f"?{query.urlencode()}")


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

    def _page(self, request, template, session, title, crumb, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "crumb": crumb,
            "opts": self.model._meta,
            "session": session,
            "run_url": reverse("admin:training_session_run", args=[session.pk]),
            **context,
        }
        return TemplateResponse(request, f"admin/training/session/{template}", context)

    def _act(self, request, act, done) -> bool:
        """Runs a service; its refusal becomes an error message. True when it succeeded."""
        try:
            result = act()
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return False
        self.message_user(request, done(result), messages.SUCCESS)
        return True

    def run_view(self, request, pk):
        session = self._session(request, pk)
        roster = roster_queries.session_roster(
            session,
            {name: request.GET.get(name) for name in roster_queries.ROSTER_PAGE_PARAMETERS},
        )
        link_pages(request, roster)
        posted = request.POST if request.method == "POST" else None
        step = request.POST.get("step") if posted else None
        attendance = AttendanceForm(
            posted if step == "attendance" else None, seated=list(roster.seated)
        )
        add = AddPersonForm(posted if step == "add" else None)
        email = EmailEveryoneForm(posted if step == "email" else None)
        done = None
        if step == "attendance" and attendance.is_valid():
            # "Everyone" is every seat of the session, not only the page shown.
            marks = (
                dict.fromkeys(roster_queries.unattended_seat_ids(session), True)
                if attendance.everyone()
                else attendance.marks()
            )
            done = self._act(
                request,
                lambda: services.mark_roster_attendance(
                    session=session, marks=marks, marked_by=request.user
                ),
                lambda n: ngettext("%(n)s person marked.", "%(n)s people marked.", n) % {"n": n},
            )
        elif step == "add" and add.is_valid():
            done = self._act(
                request,
                lambda: services.add_person(
                    session=session, user=add.cleaned_data["email"], added_by=request.user
                ),
                lambda e: (
                    _("%(person)s added: %(status)s.")
                    % {"person": e.user.email, "status": e.get_status_display()}
                ),
            )
        elif step == "email" and email.is_valid():
            done = self._act(
                request,
                lambda: services.email_enrolled(
                    session=session, sent_by=request.user, **email.cleaned_data
                ),
                lambda n: ngettext("%(n)s person emailed.", "%(n)s people emailed.", n) % {"n": n},
            )
        if done:
            return redirect(request.get_full_path())  # the same page of each list
        return self._page(
            request,
            "run.html",
            session,
            _("Run the session: %(session)s") % {"session": session},
            _("Roster"),
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
        posted = request.POST if request.method == "POST" else None
        step = request.POST.get("step") if posted else None
        move = MoveForm(
            posted if step == "move" else None,
            sessions=roster_queries.sessions_to_move_to(session),
        )
        reorder = ReorderForm(posted if step == "reorder" else None)
        promote = ReasonForm(posted if step == "promote" else None, prefix="promote")
        done = None
        if step == "move" and move.is_valid():
            done = self._act(
                request,
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
            )
        elif step == "reorder" and reorder.is_valid():
            done = self._act(
                request,
                lambda: services.reorder_waitlist(
                    enrollment=enrollment, moved_by=request.user, **reorder.cleaned_data
                ),
                lambda e: (
                    _("%(person)s is now number %(n)s on the waitlist.")
                    % {"person": e.user.email, "n": reorder.cleaned_data["position"]}
                ),
            )
        elif step == "promote" and promote.is_valid():
            done = self._act(
                request,
                lambda: services.promote_waitlisted(
                    enrollment=enrollment,
                    promoted_by=request.user,
                    reason=promote.cleaned_data["reason"],
                ),
                lambda e: _("%(person)s now has a seat.") % {"person": e.user.email},
            )
        if done:
            return redirect("admin:training_session_run", session.pk)
        if enrollment.status == Enrollment.Status.WAITLISTED:
            enrollment.position = services.waitlist_position(enrollment)
        return self._page(
            request,
            "person.html",
            session,
            _("Change the place of %(person)s") % {"person": enrollment.user},
            _("A person's place"),
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
            "cancel.html",
            session,
            _("Cancel the session: %(session)s") % {"session": session},
            _("Cancel"),
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
        return self._page(
            request,
            "duplicate.html",
            session,
            _("Duplicate the session: %(session)s") % {"session": session},
            _("Duplicate"),
            form=form,
        )
