"""Partner texts shown to the public, entered once per language (see campaign.typed_content)."""

from campaign.translation import entered_per_language
from partners.models import Organization

entered_per_language(Organization, "description")
