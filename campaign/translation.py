"""The campaign's typed content that is entered once per language (see typed_content)."""

from django.db import models
from modeltranslation.translator import TranslationOptions, translator

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


def entered_per_language(model: type[models.Model], *fields: str) -> None:
    """Registers `fields` of `model` as texts written once per language (`title_en`,
    `title_es`), English required."""
    translator.register(model, EnglishRequired, fields=fields)


entered_per_language(Pillar, "name", "summary", "description")
entered_per_language(Audience, "name")
entered_per_language(NewsPost, "title", "summary", "body")
entered_per_language(ImpactFigure, "label")
entered_per_language(PlanGoal, "title", "description")
entered_per_language(PlanObjective, "title")
entered_per_language(ActionItem, "title")
entered_per_language(ContentPage, "title", "summary", "body")
