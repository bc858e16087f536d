"""Covers drawn for materials: real fonts for every demo language, titles that fit, and a
clear fallback on a machine without the fonts."""

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from campaign import fonts
from resources.covers import fit, make_cover
from resources.demo import MATERIALS


def _ink(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_every_demo_title_has_a_font_with_a_glyph_for_each_of_its_letters():
    """The Chinese and Vietnamese cards are drawn with letters, not .notdef boxes."""
    for row in MATERIALS:
        title = row[1]
        font = fonts.font_for(title, 40)
        assert fonts.has_glyphs(font, title), (row[3], title)


def test_the_chinese_cover_differs_from_one_drawn_with_empty_boxes():
    """Each Chinese character is its own glyph: a cover of the title does not look like a
    cover of as many characters that no font has (each drawn as the .notdef box)."""
    title = "人口贩运识别卡"
    boxes = fonts.UNMAPPED * len(title)
    real, empty = _ink(make_cover(title, (480, 600))), _ink(make_cover(boxes, (480, 600)))
    assert ImageChops.difference(real, empty).getbbox() is not None
    font = fonts.font_for(title, 40)
    notdef = fonts.glyph(font, fonts.UNMAPPED)
    for character in title:
        drawn = fonts.glyph(font, character)
        assert any(drawn) and drawn != notdef, character


@pytest.mark.parametrize(
    "title",
    [
        "Commercial Sexual Exploitation of Children: Toolkit for Law Enforcement",
        "人口贩运识别卡人口贩运识别卡人口贩运识别卡人口贩运识别卡",
        "Supercalifragilisticexpialidociousanti-traffickingawarenessposter",
    ],
)
def test_a_long_title_wraps_and_shrinks_to_fit_its_box(title):
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font, lines, line_height = fit(draw, title, (300, 200), largest=60, smallest=14)
    assert len(lines) * line_height <= 200
    assert all(draw.textlength(line, font=font) <= 300 for line in lines)
    assert font.size < 60
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")


def test_a_title_too_long_even_at_the_smallest_size_ends_with_an_ellipsis():
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font, lines, line_height = fit(draw, "word " * 200, (200, 100), largest=30, smallest=14)
    assert font.size == 14 and len(lines) * line_height <= 100
    assert lines[-1].endswith("…")


def test_without_any_font_installed_covers_fall_back_to_pillows_font_and_say_so(
    monkeypatch, caplog
):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    monkeypatch.setattr(fonts, "KNOWN_PATHS", {"bold": [("/nonexistent/font.ttf", 0)] * 3})
    fonts.font_files.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="campaign.fonts"):
            assert fonts.font_files("bold") == ()
            png = make_cover("Human Trafficking Indicator Card", (240, 300))
        assert "fonts-noto-core" in caplog.text
        assert _ink(png).size == (240, 300)
    finally:
        fonts.font_files.cache_clear()


@pytest.mark.django_db
def test_the_demo_videos_and_every_demo_material_have_a_thumbnail():
    from django.core.management import call_command

    from resources.models import Resource

    call_command("load_demo")
    for resource in Resource.objects.all():
        assert resource.thumbnail, resource.slug
        with resource.thumbnail.open("rb") as image:
            assert Image.open(image).size[0] > 0
    assert Resource.objects.filter(kind="video").exclude(thumbnail="").count() == 2


@pytest.mark.parametrize(
    "title", ["人口贩运识别卡", "Thẻ nhận biết nạn buôn người", "Sus derechos como víctima"]
)
def test_the_demo_pdf_writes_its_title_in_its_own_script(title):
    """Helvetica wrote "???????" for the Chinese and Vietnamese cards."""
    from pypdf import PdfReader

    from resources.demo import make_pdf

    text = PdfReader(io.BytesIO(make_pdf(title, "A pocket card."))).pages[0].extract_text()
    assert text.splitlines()[0] == title
