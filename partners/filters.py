import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Organization
from partners.states import US_STATES


class OrganizationFilter(django_filters.FilterSet):
    """Directory filters: name search, kind, state and country."""

    q = django_filters.CharFilter(label=_("Search by name"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organization.Kind.choices, empty_label=_("Any kind")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=US_STATES, empty_label=_("Any state")
    )
    country = django_filters.CharFilter(label=_("Country code"), method="filter_country")

    class Meta:
        model = Organization
        fields = ["q", "kind", "state", "country"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(acronym__iexact=value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__iexact=value.strip()) if value.strip() else queryset
