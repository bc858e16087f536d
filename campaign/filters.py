"""Filters that the catalog and the library share: the site-wide vocabularies and languages."""

import django_filters
from django.utils.translation import gettext_lazy as _

from campaign.languages import LANGUAGES


def vocabulary_filter(model, **options) -> django_filters.ModelChoiceFilter:
    """Filters by one term of a shared vocabulary (Audience, Pillar), named by its slug in
    the query string; `options` go to the filter (method, empty_label, label)."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(), to_field_name="slug", **options
    )


def language_filter() -> django_filters.ChoiceFilter:
    """Filters by one of the portal's languages."""
    return django_filters.ChoiceFilter(choices=LANGUAGES, empty_label=_("Any language"))
