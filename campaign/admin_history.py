"""The audit trail in the admin: every form save, addition and deletion is logged like a
service's change, and each record's History page lists its log."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from campaign.audit import entries_for, log_action
from campaign.pages import link_page

HISTORY_PAGE_SIZE = 100


def _action(obj, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"


class AuditedAdminMixin:
    """Writes an audit entry beside Django's own admin log for each addition, change and
    deletion (in the admin's transaction), and shows the record's audit log as its History."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        log_action(actor=request.user, action=_action(obj, "add"), target=obj)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        log_action(
            actor=request.user,
            action=_action(obj, "change"),
            target=obj,
            data={"changes": message} if message else None,
        )
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            log_action(actor=request.user, action=_action(obj, "delete"), target=obj)
        return entries

    def history_view(self, request, object_id, extra_context=None):
        """The record's audit log, newest first, 100 a page."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        page = Paginator(entries_for(obj), HISTORY_PAGE_SIZE).get_page(request.GET.get("p"))
        link_page(request, page, "p")
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "page_obj": page,
            "log_url": reverse("admin:campaign_auditentry_changelist"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/audit_history.html", context)


def with_audit(admin_class):
    if issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    return type(admin_class.__name__, (AuditedAdminMixin, admin_class), {})
