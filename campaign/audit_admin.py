"""The whole audit log in the admin: read only, searchable by person, record and action."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from campaign.admin_site import EstimatedCountPaginator
from campaign.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The whole log, read only: searchable by person, record and action, filtered by
    action and date."""

    list_display = ["created_at", "actor_label", "action", "record", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_label", "target_label", "=target_id", "action", "reason"]
    date_hierarchy = "created_at"
    list_select_related = ["target_type"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    paginator = EstimatedCountPaginator
    show_full_result_count = False

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
