from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.staticfiles.apps import StaticFilesConfig


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


class PortalStaticFilesConfig(StaticFilesConfig):
    # What USWDS ships that no page links: 12,000 Material icon files (the pages use the USWDS
    # icons) and the unminified stylesheet and script (the pages load the .min ones).
    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "material-icons*",
        "uswds.css",
        "uswds.js",
    ]
