"""Partner texts shown to the public, entered once per language (see campaign.typed_content)."""

from modeltranslation.translator import register

from campaign.translation import EnglishRequired
from partners.models import Organization


@register(Organization)
class OrganizationTranslation(EnglishRequired):
    fields = ("description",)
