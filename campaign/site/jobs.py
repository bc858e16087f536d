"""The site pages' scheduled jobs, run by `run_scheduled_jobs` (see campaign.scheduler)."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from campaign.page_cache import warm_pages
from campaign.scheduler import counting_job, register_job
from campaign.site.impact import FIGURES_CACHE_KEY, refresh_impact_figures
from campaign.site.privacy.services import remove_unverified_accounts
from resources.models import Resource

# Recomputing the figures takes seconds at a national campaign's scale, so the job keeps them
# fresh well inside their cache lifetime without recomputing every minute.
IMPACT_REFRESH_AFTER = timedelta(minutes=10)


@register_job("impact-figures")
def impact_figures() -> str:
    stored = cache.get(FIGURES_CACHE_KEY)
    if stored is not None and timezone.now() - stored.computed_at < IMPACT_REFRESH_AFTER:
        return "Impact figures are fresh."
    refresh_impact_figures()
    return "Impact figures refreshed."


unverified_account_retention = counting_job(
    "unverified-account-retention",
    remove_unverified_accounts,
    "{count} unconfirmed account(s) removed.",
)


# The public pages that take longest to render at scale (bench: measure_pages), kept
# rendered by the job in every language so that no visitor renders them: the home page,
# the lists and each kind of material.
HEAVY_PAGES = [
    "home",
    "resources:resource-list",
    "training:catalog",
    "partners:directory",
    "news-list",
    "impact",
]


def heavy_page_paths() -> list[str]:
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths += [reverse(name) for name in HEAVY_PAGES]
            materials = reverse("resources:resource-list")
            paths += [f"{materials}?kind={kind}" for kind in Resource.Kind.values]
    return paths


@register_job("warm-public-pages")
def warm_public_pages() -> str:
    if settings.PAGE_CACHE_SECONDS <= 0:
        return "The page cache is off."
    paths = heavy_page_paths()
    failed = warm_pages(paths)
    return f"{len(paths) - len(failed)} heavy public page(s) kept fresh" + (
        f"; not answering 200: {', '.join(failed)}." if failed else "."
    )
