"""Fonts for images the portal draws (demo covers and thumbnails): real fonts that cover the
text's script, found through fontconfig or at Debian's known paths, Pillow's own font last.

Debian's `fonts-noto-core` (Latin, Greek, Cyrillic, Vietnamese…) and `fonts-noto-cjk`
(Chinese, Japanese, Korean) cover every language the portal offers materials in.
"""

import functools
import logging
import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

# fontconfig patterns, tried in order; the first font that has every glyph of a text wins.
FONT_PATTERNS = {
    "bold": ["Noto Sans:style=Bold", "Noto Sans CJK SC:style=Bold", "DejaVu Sans:style=Bold"],
    "regular": ["Noto Sans", "Noto Sans CJK SC", "DejaVu Sans"],
}
# Where Debian puts the same fonts, for a machine without fontconfig's `fc-match`:
# (path, index inside a collection).
KNOWN_PATHS = {
    "bold": [
        ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),
    ],
    "regular": [
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ],
}
# A code point no font maps: it draws the font's .notdef glyph (the empty box).
UNMAPPED = "\U0010fffd"


def _fc_match(pattern: str) -> tuple[str, int] | None:
    """The file and collection index fontconfig gives for `pattern`, when it has one whose
    family is the one asked for (fc-match always answers, with a substitute if it must)."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    try:
        # The pattern is one of FONT_PATTERNS, never input.
        answer = subprocess.run(  # noqa: S603
            [fc_match, "-f", "%{family}|%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, rest = answer.partition("|")
    path, _, index = rest.partition("|")
    wanted = pattern.split(":")[0].lower()
    if not path or wanted not in families.lower().split(","):
        return None
    return path, int(index or 0)


@functools.cache
def font_files(weight: str = "bold") -> tuple[tuple[str, int], ...]:
    """The font files of `weight` found on this machine, best first (fontconfig's answer
    for each pattern, else Debian's path), each once."""
    found: list[tuple[str, int]] = []
    for pattern, known in zip(FONT_PATTERNS[weight], KNOWN_PATHS[weight], strict=True):
        candidate = _fc_match(pattern) or (known if Path(known[0]).is_file() else None)
        if candidate and candidate not in found:
            found.append(candidate)
    if not found:
        logger.warning(
            "No Noto or DejaVu font found; drawn text falls back to Pillow's own font, "
            "which has no accented or Chinese letters. Install Debian's fonts-noto-core "
            "and fonts-noto-cjk."
        )
    return tuple(found)


def has_glyphs(font: ImageFont.FreeTypeFont, text: str) -> bool:
    """Whether `font` draws every visible character of `text` with a glyph of its own,
    not the .notdef box it draws for a character it lacks."""
    missing = glyph(font, UNMAPPED)
    return all(glyph(font, character) != missing for character in set(text) if character.strip())


def glyph(font: ImageFont.FreeTypeFont, character: str) -> bytes:
    """The pixels `font` draws for `character`, to tell one glyph from another."""
    size = font.size * 2
    image = Image.new("L", (size, size))
    ImageDraw.Draw(image).text((0, 0), character, font=font, fill=255)
    return image.tobytes()


@functools.lru_cache(maxsize=256)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def font_for(text: str, size: int, *, weight: str = "bold") -> ImageFont.ImageFont:
    """A font of `size` pixels that covers `text`: the first found with every glyph, or the
    first found at all, or Pillow's own font when the machine has none."""
    fonts = [_load(path, index, size) for path, index in font_files(weight)]
    for font in fonts:
        if has_glyphs(font, text):
            return font
    if fonts:
        return fonts[0]
    return ImageFont.load_default(size)
