"""Training texts entered once per language (see campaign.typed_content)."""

from modeltranslation.translator import register

from campaign.translation import EnglishRequired
from training.models import Course


@register(Course)
class CourseTranslation(EnglishRequired):
    fields = ("title", "summary", "description")
