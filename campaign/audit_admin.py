"""The whole audit log in the admin: read only, searchable by person, record and action."""

from django.contrib import admin
from django.db import connections
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from campaign.admin_site import LargeTableAdminMixin
from campaign.models import AuditEntry


def logged_actions(using: str = "default") -> list[str]:
    """Every action code in the log, in one query that hops along the index on `action`
    (a loose index scan), so the cost grows with the number of codes, not of entries."""
    table = connections[using].ops.quote_name(AuditEntry._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE codes(action) AS ("  # noqa: S608 - the model's own table name
            f" SELECT MIN(action) FROM {table}"
            f" UNION ALL SELECT (SELECT MIN(action) FROM {table} WHERE action > codes.action)"
            " FROM codes WHERE codes.action IS NOT NULL"
            ") SELECT action FROM codes WHERE action IS NOT NULL"
        )
        return [row[0] for row in cursor.fetchall()]


class ActionFilter(admin.SimpleListFilter):
    """The log's action codes; Django's own filter would read every entry for them."""

    title = gettext_lazy("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(code, code) for code in logged_actions()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action=self.value())
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    """The whole log, read only: searchable by person, record and action, filtered by
    action and date."""

    list_display = ["created_at", "actor_label", "action", "record", "reason"]
    # No date hierarchy: its list of days reads every entry; the date filter does not.
    list_filter = [ActionFilter, "created_at"]
    search_fields = ["actor_label", "target_label", "=target_id", "action", "reason"]
    list_select_related = ["target_type"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    @admin.display(description=gettext_lazy("record"))
    def record(self, obj) -> str:
        if obj.target_type is None:
            return obj.target_label or "—"
        try:
            url = reverse(
                f"admin:{obj.target_type.app_label}_{obj.target_type.model}_change",
                args=[obj.target_id],
            )
        except NoReverseMatch:
            return obj.target_label
        return format_html('<a href="{}">{}</a>', url, obj.target_label)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
