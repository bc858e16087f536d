"""List filters of the training admin that the dashboard links to."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class CertificateExpiryFilter(admin.SimpleListFilter):
    """Standing certificates that expire within 30 days, or have expired."""

    title = _("expiry")
    parameter_name = "expiry"

    def lookups(self, request, model_admin):
        return [
            ("soon", _("Expires within 30 days")),
            ("expired", pgettext_lazy("certificate", "Expired")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        standing = queryset.filter(revoked_at__isnull=True)
        if self.value() == "soon":
            return standing.filter(
                expires_on__gt=today, expires_on__lte=today + timedelta(days=30)
            )
        if self.value() == "expired":
            return standing.filter(expires_on__lte=today)
        return queryset
