import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaign.filters import language_filter, vocabulary_filter
from campaign.models import Audience, Pillar
from campaign.search import search_text
from campaign.widgets import DateInput
from partners.models import Organization
from training.models import Course


class SessionFilter(django_filters.FilterSet):
    """Catalog filters over upcoming sessions (annotated with seat counts)."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        field_name="course__format",
        choices=Course.Format.choices,
        empty_label=_("Any format"),
    )
    audience = vocabulary_filter(
        Audience, label=_("Audience"), method="by_audience", empty_label=_("Any audience")
    )
    pillar = vocabulary_filter(
        Pillar, label=_("Pillar"), method="by_pillar", empty_label=_("Any pillar")
    )
    language = language_filter()
    delivery = django_filters.ChoiceFilter(
        label=_("Online or in person"),
        choices=[("online", "Online"), ("in_person", "In person")],
        method="by_delivery",
        empty_label=_("Either"),
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Provider"),
        queryset=Organization.objects.filter(courses__published=True).distinct(),
        field_name="course__provider",
        to_field_name="slug",
        empty_label=_("Any provider"),
    )
    starts_after = django_filters.DateFilter(
        label=_("From"), field_name="starts_at", lookup_expr="date__gte", widget=DateInput
    )
    starts_before = django_filters.DateFilter(
        label=_("To"), field_name="starts_at", lookup_expr="date__lte", widget=DateInput
    )
    open_seats = django_filters.BooleanFilter(
        label=_("Only sessions with open seats"),
        method="by_open_seats",
        widget=forms.CheckboxInput,
    )

    def search(self, queryset, name, value):
        matching = search_text(
            Course.objects.all(), value, fields=["title", "summary", "description"]
        )
        return queryset.filter(course__in=matching.values("pk")) if value.strip() else queryset

    def by_audience(self, queryset, name, value):
        return queryset.filter(course__in=Course.objects.filter(audiences=value).values("pk"))

    def by_pillar(self, queryset, name, value):
        return queryset.filter(course__in=Course.objects.filter(pillars=value).values("pk"))

    def by_delivery(self, queryset, name, value):
        return queryset.filter(online=value == "online") if value else queryset

    def by_open_seats(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(capacity__isnull=True) | Q(capacity__gt=F("registered")))
