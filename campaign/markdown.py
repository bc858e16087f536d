"""Markdown written by admins, rendered safely: raw HTML is shown as text, never passed on."""

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:", "sms:")


def is_safe_link(url: str) -> bool:
    """Web, mail and phone links, and links within the portal; nothing a browser would run."""
    url = url.strip().lower()
    if url.startswith(SAFE_SCHEMES):
        return True
    # No scheme at all: a relative link or an anchor.
    return ":" not in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


# "commonmark" with html off escapes every tag. Images are off: the page's CSP allows only
# the portal's own images, and a news body has no upload of its own.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
_markdown.validateLink = is_safe_link


def render_markdown(text: str) -> SafeString:
    """HTML for `text`, its headings placed under the page's h1: the body's highest heading
    becomes an h2, and no heading is more than one level below the one before it (an
    author's "#" then "###" would skip a level for screen reader users)."""
    tokens = _markdown.parse(text or "")
    headings = [token for token in tokens if token.type in ("heading_open", "heading_close")]
    top = min((int(token.tag[1]) for token in headings), default=1)
    previous = 1
    for token in headings:
        if token.type == "heading_open":
            previous = min(int(token.tag[1]) - top + 2, previous + 1, 6)
        token.tag = f"h{previous}"
    return mark_safe(_markdown.renderer.render(tokens, _markdown.options, {}))  # noqa: S308
