"""Whether an element's own text wraps onto a second line, decided without layout.

A soft wrap is certain when the element's box has a fixed maximum width in pixels, its text
has a break opportunity (a space), and even at a very narrow glyph width the text is wider
than the box. A soft wrap is impossible when the text has no break opportunity or the
element does not wrap (``white-space: nowrap`` / ``pre``). Anything else needs layout.
"""

from __future__ import annotations

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.rules.style._lengths import font_size_px, px_value

# A lower bound of the average advance of a letter or digit, as a fraction of the font
# size: the narrowest common glyphs (i, l, j) are about 0.22em, average running text in any
# common typeface well above 0.4em.
_MIN_GLYPH_EM = 0.3
# Upper bounds of a glyph's advance for Latin text, as a fraction of the font size: no
# Latin letter, digit or punctuation mark of a common typeface is wider than 1em, and no
# space wider than 0.5em. Other scripts (CJK, emoji) are not bounded here.
_MAX_GLYPH_EM = 1.0
_MAX_SPACE_EM = 0.5
_LATIN_LIMIT = 0x250
_NO_EXTRA_SPACE = frozenset({"normal", "0", "0px"})
_NO_WRAP = frozenset({"nowrap", "pre"})
_BLOCK_DISPLAYS = frozenset({"block", "list-item", "flow-root", "table-cell", "inline-block"})


def _own_text(element: Element) -> str:
    return " ".join(
        child.data for child in element.children if isinstance(child, Text) and child.data.strip()
    )


def _width_limit(page: Page, element: Element) -> float | None:
    style = computed_style(page, element)
    if style.display not in _BLOCK_DISPLAYS:
        return None
    limits = [
        px
        for px in (px_value(style.get("width")), px_value(style.get("max-width")))
        if px is not None
    ]
    return min(limits) if limits else None


def _spacing_may_shrink(page: Page, element: Element) -> bool:
    style = computed_style(page, element)
    return any(
        (style.get(prop) or "").startswith("-") for prop in ("letter-spacing", "word-spacing")
    )


def soft_wraps(page: Page, element: Element) -> bool | None:
    """``True`` when the text certainly wraps, ``False`` when it cannot, ``None`` unknown."""
    text = " ".join(_own_text(element).split())
    if " " not in text or computed_style(page, element).get("white-space") in _NO_WRAP:
        return False
    limit = _width_limit(page, element)
    font_size = font_size_px(page, element)
    if limit is None or font_size is None or _spacing_may_shrink(page, element):
        return None
    glyphs = sum(1 for character in text if character.isalnum())
    if glyphs * _MIN_GLYPH_EM * font_size > limit:
        return True
    if _fits_for_sure(page, element, text, limit, font_size):
        return False
    return None


def _fits_for_sure(page: Page, element: Element, text: str, limit: float, font_size: float) -> bool:
    """Whether the whole text fits on one line of ``limit`` pixels even in the widest glyphs."""
    if any(ord(character) >= _LATIN_LIMIT for character in text):
        return False
    style = computed_style(page, element)
    if any(
        (style.get(prop) or "normal") not in _NO_EXTRA_SPACE
        for prop in ("letter-spacing", "word-spacing", "text-indent")
    ):
        return False  # extra spacing is rare here; not worth bounding
    spaces = text.count(" ")
    widest = (len(text) - spaces) * _MAX_GLYPH_EM * font_size
    widest += spaces * _MAX_SPACE_EM * font_size
    return widest <= limit
