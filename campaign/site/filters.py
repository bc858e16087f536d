import django_filters
from django.utils.translation import gettext_lazy as _

from campaign.models import ActionItem, NewsPost, Pillar
from partners.models import Organization


class NewsFilter(django_filters.FilterSet):
    """News by pillar and by the partner a post is about."""

    pillar = django_filters.ModelChoiceFilter(
        label=_("Pillar"),
        queryset=Pillar.objects.all(),
        to_field_name="slug",
        empty_label=_("Any pillar"),
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Organization.objects.filter(
            status=Organization.Status.ACTIVE,
            listed=True,
            news_posts__status=NewsPost.Status.PUBLISHED,
        )
        .distinct()
        .order_by("name"),
        field_name="organizations",
        to_field_name="slug",
        empty_label=_("Any partner"),
    )

    class Meta:
        model = NewsPost
        fields = ["pillar", "partner"]


class ActionItemFilter(django_filters.FilterSet):
    """Action items by lead organization and status."""

    lead = django_filters.ModelChoiceFilter(
        label=_("Lead organization"),
        queryset=Organization.objects.filter(action_items__isnull=False)
        .distinct()
        .order_by("name"),
        field_name="lead_organization",
        to_field_name="slug",
        empty_label=_("Any lead organization"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionItem.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = ActionItem
        fields = ["lead", "status"]
