"""The static files finder: Django's own, without the icon set USWDS ships and the portal
never shows."""

from django.contrib.staticfiles.finders import FileSystemFinder

# USWDS's 2,000+ Material icons: no page and no stylesheet names one (the portal's icons
# come from usa-icons and the sprite). Collected, each is written six times over (hashed
# and plain, each also gzipped and Brotli'd), most of a release's collectstatic.
UNUSED_USWDS_FOLDERS = ["material-icons", "material-icons-deprecated"]


class FileSystemFinderWithoutUnusedIcons(FileSystemFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED_USWDS_FOLDERS])
