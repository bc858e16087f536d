import logging

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from campaign import dashboard
from campaign.access import can_use_admin
from campaign.admin_history import with_audit
from campaign.admin_labels import LabelledControlsMixin

security_log = logging.getLogger("campaign.security")


class EstimatedCountPaginator(Paginator):
    """A changelist paginator for tables with millions of rows: an unfiltered list takes its
    count from PostgreSQL's row estimate (pg_class.reltuples, kept by autovacuum) instead of
    a COUNT(*) over the whole table; small tables and filtered lists are counted exactly.
    With `show_full_result_count = False` the changelist runs no full count at all."""

    # Below this many (estimated) rows an exact count is cheap enough.
    exact_below = 50_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            # -1: never analyzed yet.
            if row and row[0] >= max(self.exact_below, 0) and row[0] >= 0:
                return row[0]
        return super().count


class LargeTableAdminMixin:
    """The changelist of a table with millions of rows (enrollments, the audit log): no
    full count (an estimated one when unfiltered), 50 rows a page, and each row's
    selection box written at once instead of through the form renderer, which renders a
    template per row and was the largest cost of a page of rows."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50

    def action_checkbox(self, obj) -> str:
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


def valid_keys(field, values: list[str]) -> list[str]:
    """The values that are well-formed keys of the relation's target (any id that is a number)."""
    kept = []
    for value in values:
        try:
            field.target_field.to_python(value)
        except ValidationError:
            continue
        kept.append(value)
    return kept


class ValidKeysAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete looks up the shown value; one that is not a key (typed in the
    query string or posted) made the page fail, so it is left out."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, valid_keys(self.field, value), attr)


class ValidKeysAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, valid_keys(self.field, value), attr)


class ValidKeysAutocompleteMixin:
    """Autocomplete fields with the widgets above (for model admins and their inlines), and
    an empty ?_to_field= taken as none (Django looked up a field named "" and failed)."""

    def get_object(self, request, object_id, from_field=None):
        return super().get_object(request, object_id, from_field or None)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidKeysAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidKeysAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def with_portal_mixins(admin_class):
    """`admin_class` with the autocomplete that leaves out non-keys and named controls."""
    if issubclass(admin_class, ValidKeysAutocompleteMixin):
        return admin_class
    mixins = (ValidKeysAutocompleteMixin, LabelledControlsMixin, admin_class)
    return type(admin_class.__name__, mixins, {})


class PortalAdminSite(admin.AdminSite):
    """The admin, reached only by staff who signed in through allauth with MFA turned on."""

    @property
    def site_header(self) -> str:
        return f"{settings.SITE_NAME} administration"

    @property
    def site_title(self) -> str:
        return settings.SITE_NAME

    index_title = "Campaign administration"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin (the portal's and the installed apps') and its inlines get the
        autocomplete widgets that leave out values that are not keys and a name for each
        control Django leaves unlabelled (campaign.admin_labels); every model admin writes the
        audit log and shows it as the record's History."""
        admin_class = with_audit(with_portal_mixins(admin_class or admin.ModelAdmin))
        admin_class.inlines = [with_portal_mixins(inline) for inline in admin_class.inlines]
        super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        """The dashboard (what waits for someone, today's and this week's sessions) above
        the list of models."""
        return super().index(request, {"dashboard": dashboard.sections(), **(extra_context or {})})

    def has_permission(self, request) -> bool:
        return can_use_admin(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and not can_use_admin(user):
            security_log.warning(
                "admin refused: staff user id=%s has no MFA path=%s", user.pk, request.path
            )
            messages.warning(
                request,
                "Turn on two-factor authentication with an authenticator app "
                "before you use the administration pages.",
            )
            return redirect("mfa_index")
        # allauth's log-in (rate limits, MFA) replaces the admin's own form.
        return secure_admin_login(super().login)(request, extra_context)
