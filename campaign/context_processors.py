from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Site sections in navigation order.
SECTIONS = [
    ("materials", _("Materials"), "resources:resource-list"),
    ("trainings", _("Trainings"), "training:catalog"),
    ("partners", _("Partners"), "partners:directory"),
    ("news", _("News"), "news-list"),
    ("impact", _("Impact"), "impact"),
    ("get_help", _("Get help"), "get-help"),
]


def section_urls() -> dict[str, str]:
    """The URL of each site section, by key."""
    return {key: reverse(url_name) for key, _label, url_name in SECTIONS}


def portal(request) -> dict:
    """Site name, banner, hotlines, exit link and navigation for every template."""
    return {**portal_settings(), **navigation(request.path)}


def navigation(path: str) -> dict:
    urls = section_urls()
    nav_items = [
        {"label": label, "url": urls[key], "current": path.startswith(urls[key])}
        for key, label, _url_name in SECTIONS
        if key in urls
    ]
    return {"NAV_ITEMS": nav_items, "SECTION_URLS": urls}


def portal_settings() -> dict:
    # The settings' texts are looked up in the catalogue: their default values are
    # translated there, and a site that sets its own can add its translation the same way.
    return {
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SHOW_OFFICIAL_BANNER": settings.SHOW_OFFICIAL_BANNER,
        "OFFICIAL_BANNER_TEXT": gettext(settings.OFFICIAL_BANNER_TEXT),
        "EXIT_PAGE_URL": settings.EXIT_PAGE_URL,
        "HOTLINES": [
            {**hotline, "name": gettext(hotline["name"])} for hotline in settings.HOTLINES
        ],
        "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER,
    }
