"""The campaign's typed content that is entered once per language (see typed_content)."""

from modeltranslation.translator import TranslationOptions, register

from campaign.models import (
    ActionItem,
    Audience,
    ContentPage,
    ImpactFigure,
    NewsPost,
    Pillar,
    PlanGoal,
    PlanObjective,
)


class EnglishRequired(TranslationOptions):
    # English is written first and is what every other language falls back to.
    required_languages = ("en",)


@register(Pillar)
class PillarTranslation(EnglishRequired):
    fields = ("name", "summary", "description")


@register(Audience)
class AudienceTranslation(EnglishRequired):
    fields = ("name",)


@register(NewsPost)
class NewsPostTranslation(EnglishRequired):
    fields = ("title", "summary", "body")


@register(ImpactFigure)
class ImpactFigureTranslation(EnglishRequired):
    fields = ("label",)


@register(PlanGoal)
class PlanGoalTranslation(EnglishRequired):
    fields = ("title", "description")


@register(PlanObjective)
class PlanObjectiveTranslation(EnglishRequired):
    fields = ("title",)


@register(ActionItem)
class ActionItemTranslation(EnglishRequired):
    fields = ("title",)


@register(ContentPage)
class ContentPageTranslation(EnglishRequired):
    fields = ("title", "summary", "body")
