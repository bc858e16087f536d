"""Covers drawn for materials that have no picture of their own (the demo's posters, PDFs
and videos): the title in a real font that covers its script, wrapped and shrunk to fit;
and the font a generated PDF writes a text in."""

import io
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from campaign.fonts import font_files, font_for, has_glyphs

BLUE = (26, 68, 128)
DARK_BLUE = (22, 46, 81)
WHITE = (255, 255, 255)
HOTLINE = "1-888-373-7888"


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.ImageFont, width: int) -> list:
    """The lines of `text` no wider than `width` in `font`: broken between words, and
    inside a word (or a script written without spaces, such as Chinese) only when it must."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if draw.textlength(trial, font=font) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if line and draw.textlength(line + character, font=font) > width:
                lines.append(line)
                line = ""
            line += character
    if line:
        lines.append(line)
    return lines


def fit(
    draw: ImageDraw.ImageDraw, text: str, box: tuple[int, int], *, largest: int, smallest: int
) -> tuple[ImageFont.ImageFont, list[str], int]:
    """The largest font size from `largest` down to `smallest` at which `text`, wrapped,
    fits in `box` (width, height); its font, lines and line height. At the smallest size
    the lines that do not fit are cut, the last ending with an ellipsis."""
    width, height = box
    size = largest
    while True:
        font = font_for(text, size)
        lines = wrap(draw, text, font, width)
        line_height = round(size * 1.25)
        if len(lines) * line_height <= height or size <= smallest:
            break
        size = max(smallest, round(size * 0.9))
    room = max(1, height // line_height)
    if len(lines) > room:
        lines = lines[:room]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return font, lines, line_height


def _play_button(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int) -> None:
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=WHITE)
    side = radius * 0.9
    left, top, bottom = x - side * 0.4, y - side * 0.55, y + side * 0.55
    draw.polygon([(left, top), (left, bottom), (x + side * 0.6, y)], fill=BLUE)


def make_cover(title: str, size: tuple[int, int] = (800, 1000), *, video: bool = False) -> bytes:
    """A PNG cover: the campaign's blue, the title in white (wrapped, shrunk to fit its
    area), a play button for a video, and the hotline on a darker band at the foot."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(image)
    margin = round(width * 0.075)
    band = round(height * 0.16)
    title_bottom = height - band - (round(height * 0.3) if video else margin)
    font, lines, line_height = fit(
        draw,
        title,
        (width - 2 * margin, title_bottom - margin * 2),
        largest=round(width * 0.16),
        smallest=max(12, round(width * 0.035)),
    )
    draw.rectangle((margin, margin, margin + round(width * 0.18), margin + 8), fill=WHITE)
    y = margin * 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=WHITE)
        y += line_height
    if video:
        radius = round(min(width, height) * 0.1)
        _play_button(draw, (width // 2, height - band - radius - margin // 2), radius)
    draw.rectangle((0, height - band, width, height), fill=DARK_BLUE)
    number_font = font_for(HOTLINE, round(band * 0.38))
    draw.text((margin, height - band // 2), HOTLINE, font=number_font, fill=WHITE, anchor="lm")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


# Adobe's Chinese font that PDF readers provide: nothing to embed (Noto's CJK fonts are
# PostScript-flavoured, which reportlab cannot embed).
PDF_CHINESE = "STSong-Light"


def pdf_font(text: str, *, bold: bool = False) -> str:
    """The name of a reportlab font that writes `text`: Helvetica for Western European
    text, Adobe's STSong for Chinese, else a TrueType font of this machine with every
    glyph (Vietnamese, say), registered on first use; Helvetica when there is none."""
    helvetica = "Helvetica-Bold" if bold else "Helvetica"
    try:
        text.encode("latin-1")
        return helvetica
    except UnicodeEncodeError:
        pass
    if any(unicodedata.name(character, "").startswith("CJK") for character in text):
        if PDF_CHINESE not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(PDF_CHINESE))
        return PDF_CHINESE
    for path, _index in font_files("bold" if bold else "regular"):
        if Path(path).suffix.lower() != ".ttf":
            continue
        if has_glyphs(ImageFont.truetype(path, 24), text):
            name = Path(path).stem
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path))
            return name
    return helvetica
