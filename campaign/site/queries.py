"""Reads that campaign pages share, each with a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from campaign.models import ActionItem, ImpactFigure, NewsPost, Pillar, PlanGoal, PlanObjective
from partners.models import Organization
from resources.models import Resource
from resources.queries import visible_resources, visitor_language_first
from training.models import Course

# How many of each kind of item the home and pillar pages show before "see all".
HOME_ITEMS = 3
PILLAR_ITEMS = 6


def published_news() -> QuerySet[NewsPost]:
    """Published posts whose date has come, newest first, with their pillar."""
    return NewsPost.objects.filter(
        status=NewsPost.Status.PUBLISHED, published_at__lte=timezone.now()
    ).select_related("pillar")


def news_with_partners(posts: QuerySet[NewsPost]) -> QuerySet[NewsPost]:
    """Adds `public_organizations`: the publicly listed partners each post is about."""
    return posts.prefetch_related(
        Prefetch(
            "organizations",
            queryset=Organization.objects.filter(status=Organization.Status.ACTIVE, listed=True),
            to_attr="public_organizations",
        )
    )


def news_post(slug: str, *, published_only: bool = True) -> NewsPost:
    posts = published_news() if published_only else NewsPost.objects.select_related("pillar")
    return news_with_partners(posts).get(slug=slug)


def published_courses() -> QuerySet[Course]:
    return Course.objects.filter(published=True).select_related("provider")


def courses_of_pillar(pillar: Pillar) -> QuerySet[Course]:
    return published_courses().filter(pillars=pillar).order_by("title")


def materials_of_pillar(pillar: Pillar, user) -> QuerySet[Resource]:
    """Published materials tagged with the pillar that this person may see."""
    return visitor_language_first(
        visible_resources(user).filter(pillars=pillar).order_by("-download_count", "title")
    )


def public_materials() -> QuerySet[Resource]:
    """Published materials anyone may see: the ones a sitemap lists."""
    return Resource.objects.filter(published=True, visibility=Resource.Visibility.PUBLIC)


def news_of_pillar(pillar: Pillar) -> QuerySet[NewsPost]:
    return published_news().filter(pillar=pillar)


def headline_figures() -> QuerySet[ImpactFigure]:
    return ImpactFigure.objects.filter(headline=True).order_by("position", "-year", "pk")


def plan_goals(*, items: QuerySet[ActionItem]) -> QuerySet[PlanGoal]:
    """Goals with their objectives, each objective with `shown_items` (from `items`, e.g. a
    filtered set), and progress over all of their items: `item_count` and `done_count`."""
    objectives = PlanObjective.objects.annotate(
        item_count=Count("items", distinct=True),
        done_count=Count("items", filter=Q(items__status=ActionItem.Status.DONE), distinct=True),
    ).prefetch_related(
        Prefetch(
            "items",
            queryset=items.select_related("lead_organization").order_by("position", "pk"),
            to_attr="shown_items",
        )
    )
    return (
        PlanGoal.objects.annotate(
            item_count=Count("objectives__items", distinct=True),
            done_count=Count(
                "objectives__items",
                filter=Q(objectives__items__status=ActionItem.Status.DONE),
                distinct=True,
            ),
        )
        .prefetch_related(Prefetch("objectives", queryset=objectives.order_by("number")))
        .order_by("number")
    )
