"""Training texts entered once per language (see campaign.typed_content)."""

from campaign.translation import entered_per_language
from training.models import Course

entered_per_language(Course, "title", "summary", "description")
