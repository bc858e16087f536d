"""A coordinator enrolls staff in a session, at any scale: a search by name or email, a
filter by sub-organization, pages of people each marked when already registered or
waiting, and "everyone who matches" for the whole search at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from campaign.csv_import import PreviewThenConfirmMixin, read_choice, sign_choice
from campaign.errors import error_text
from partners import queries as partner_queries
from partners.models import Organization
from training import enroll_import, queries, services
from training.forms import BulkEnrollForm, StaffFileForm, StaffSearchForm
from training.models import Session

PER_PAGE = 50


class BulkEnrollView(TemplateView):
    """Each person is enrolled through `enroll`, so every rule holds for each."""

    template_name = "training/bulk_enroll.html"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            queries.with_seat_counts(Session.objects.select_related("course")), pk=kwargs["pk"]
        )
        managed = partner_queries.managed_organization_ids(request.user)
        if not managed:
            raise PermissionDenied
        self.organizations = list(Organization.objects.filter(pk__in=managed).order_by("name"))
        # The search travels in the query string, also when the form is sent.
        self.search = StaffSearchForm(request.GET, organizations=self.organizations)
        self.matching = queries.staff_to_enroll(request.user, **self.search.filters())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.matching, PER_PAGE).get_page(self.request.GET.get("page"))
        statuses = queries.live_statuses(self.session, [m.user_id for m in page])
        context.setdefault(
            "form",
            BulkEnrollForm(choices=[(m.pk, m.pk) for m in page if m.user_id not in statuses]),
        )
        context.update(
            session=self.session,
            search_form=self.search,
            page_obj=page,
            rows=[(m, statuses.get(m.user_id)) for m in page],
            crumbs=[
                (_("Trainings"), reverse("training:catalog")),
                (self.session.course.title, self.session.get_absolute_url()),
                (_("Enroll staff"), None),
            ],
        )
        return context

    def post(self, request, pk):
        allowed = queries.staff_to_enroll(request.user)
        form = BulkEnrollForm(
            request.POST, choices=[(pk, pk) for pk in allowed.values_list("pk", flat=True)]
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if form.cleaned_data["everyone"]:
            chosen = self.matching.exclude(
                user__enrollments__in=self.session.enrollments.filter(
                    status__in=["registered", "waitlisted"]
                )
            )
        else:
            chosen = allowed.filter(pk__in=form.cleaned_data["memberships"])
        outcomes = services.enroll_staff(
            session=self.session,
            members=[(m.user, m.organization) for m in chosen],
            enrolled_by=request.user,
        )
        return self.render_to_response(self.get_context_data(outcomes=outcomes))


IMPORT_SALT = "training.enroll-import"


class BulkImportView(PreviewThenConfirmMixin, BulkEnrollView):
    """The same enrollment from a CSV file: upload, a preview of every row's outcome, then
    enroll the previewed people (each through `enroll`, so every rule is checked again)."""

    template_name = "training/bulk_import.html"
    file_form_class = StaffFileForm
    file_form_name = "file_form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"][-1] = (_("Enroll staff from a file"), None)
        return context

    def preview(self, form):
        preview = enroll_import.preview(self.request.user, self.session, form.rows)
        chosen = [row.membership_id for row in preview if row.membership_id]
        return self.render_to_response(
            self.get_context_data(
                file_form=form,
                preview=preview,
                chosen=len(chosen),
                token=sign_choice(chosen, salt=IMPORT_SALT),
            )
        )

    def commit(self, request):
        try:
            ids = read_choice(request.POST["token"], salt=IMPORT_SALT)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(request.path)
        # Only people the coordinator still manages, whatever the token says.
        found = {m.pk: m for m in queries.staff_to_enroll(request.user).filter(pk__in=ids)}
        chosen = [found[pk] for pk in ids if pk in found]  # in the file's order, as previewed
        outcomes = services.enroll_staff(
            session=self.session,
            members=[(m.user, m.organization) for m in chosen],
            enrolled_by=request.user,
        )
        return self.render_to_response(self.get_context_data(outcomes=outcomes))
