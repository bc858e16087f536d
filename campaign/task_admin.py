"""The background tasks in the admin: django-tasks-db's read-only list, with the error of a
failed task shown, and an action to run failed tasks again."""

from django.contrib import admin, messages
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult, TaskResultStatus


class PortalTaskResultAdmin(DBTaskResultAdmin):
    list_display = [*DBTaskResultAdmin.list_display, "exception_class_path"]
    actions = ["retry_failed"]

    @admin.action(description="Run the selected failed tasks again")
    def retry_failed(self, request, queryset):
        failed = list(queryset.filter(status=TaskResultStatus.FAILED))
        for result in failed:
            result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        skipped = queryset.count() - len(failed)
        self.message_user(request, f"{len(failed)} failed task(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} task(s) had not failed and were left alone.", messages.WARNING
            )


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, PortalTaskResultAdmin)
