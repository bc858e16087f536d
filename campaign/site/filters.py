import django_filters

from campaign.models import ActionItem, NewsPost, Pillar
from partners.models import Organization


class NewsFilter(django_filters.FilterSet):
    """News by pillar and by the partner a post is about."""

    pillar = django_filters.ModelChoiceFilter(
        label="Pillar",
        queryset=Pillar.objects.all(),
        to_field_name="slug",
        empty_label="Any pillar",
    )
    partner = django_filters.ModelChoiceFilter(
        label="Partner",
        queryset=Organization.objects.filter(
            status=Organization.Status.ACTIVE,
            listed=True,
            news_posts__status=NewsPost.Status.PUBLISHED,
        )
        .distinct()
        .order_by("name"),
        field_name="organizations",
        to_field_name="slug",
        empty_label="Any partner",
    )

    class Meta:
        model = NewsPost
        fields = ["pillar", "partner"]


class ActionItemFilter(django_filters.FilterSet):
    """Action items by lead organization and status."""

    lead = django_filters.ModelChoiceFilter(
        label="Lead organization",
        queryset=Organization.objects.filter(action_items__isnull=False)
        .distinct()
        .order_by("name"),
        field_name="lead_organization",
        to_field_name="slug",
        empty_label="Any lead organization",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ActionItem.Status.choices, empty_label="Any status"
    )

    class Meta:
        model = ActionItem
        fields = ["lead", "status"]
