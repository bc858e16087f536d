"""Pieces that several apps' admins are built from."""

from django.contrib import admin
from django.urls import path


class OwnPagesMixin:
    """A model admin with pages of its own besides Django's: `own_pages` lists them as
    `(route, method name, suffix)`; each view is behind the admin site's permission check
    and named `<app>_<model>_<suffix>`, as Django names its own."""

    own_pages: list[tuple[str, str, str]] = []

    def get_urls(self):
        opts = self.model._meta
        return [
            *(
                path(
                    route,
                    self.admin_site.admin_view(getattr(self, view)),
                    name=f"{opts.app_label}_{opts.model_name}_{suffix}",
                )
                for route, view, suffix in self.own_pages
            ),
            *super().get_urls(),
        ]


class ReferenceInline(admin.TabularInline):
    """Related rows shown for reference on a parent's page: read-only, never added or
    deleted there (they change through the services). Set `fields`; they are all read-only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False
