from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Campaign"

    def ready(self) -> None:
        from campaign import (
            page_cache,  # noqa: F401  (connects the receivers retiring pages)
            signals,  # noqa: F401  (connects the log-in audit receivers)
        )
        from campaign.typed_content import keep_original_columns_in_english

        keep_original_columns_in_english()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "campaign.admin_site.PortalAdminSite"
