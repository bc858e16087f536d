"""List filters of the training admin that the dashboard links to."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.dashboard import short_of_people


class NeedsPeopleFilter(admin.SimpleListFilter):
    """Sessions starting within 14 days with fewer than half their seats taken."""

    title = _("needs people")
    parameter_name = "needs_people"

    def lookups(self, request, model_admin):
        return [("yes", _("Starts within 14 days, less than half full"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=short_of_people(timezone.now()).values("pk"))
        return queryset
