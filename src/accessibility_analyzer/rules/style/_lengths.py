"""CSS lengths the text-spacing rules need, resolved to pixels without layout."""

from __future__ import annotations

import re

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.dom import Element, Page

_DIMENSION = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))(px|em|rem|%)?$")


def font_size_px(page: Page, element: Element) -> float | None:
    """The computed ``font-size`` in pixels (``None`` when it is not a pixel value)."""
    return px_value(computed_style(page, element).get("font-size"))


def px_value(value: str | None) -> float | None:
    """``12px`` -> 12.0; anything else -> ``None``."""
    if value is None or not value.endswith("px"):
        return None
    try:
        return float(value[:-2])
    except ValueError:
        return None


def resolve_length(
    page: Page, element: Element, value: str, *, unitless_is_factor: bool = False
) -> float | None:
    """A length (``px``, ``em``, ``rem``, ``%`` of the font size) in pixels.

    Args:
        page: the page.
        element: the element the value is declared on (``em`` and ``%`` use its font size).
        value: the declared value, lower case.
        unitless_is_factor: a bare number multiplies the font size (``line-height: 1.5``);
            otherwise only ``0`` is a valid unitless length.

    Returns:
        Pixels, or ``None`` for values that need layout or are not lengths (``calc()``,
        ``ch``, viewport units).
    """
    match = _DIMENSION.match(value.strip())
    if match is None:
        return None
    number = float(match.group(1))
    unit = match.group(2) or ("em" if unitless_is_factor else None)
    if unit == "px" or (unit is None and number == 0):
        return number
    if unit is None:
        return None  # a bare non-zero number is not a length
    reference = page.root if unit == "rem" else element
    font_size = font_size_px(page, reference)
    if font_size is None:
        return None
    return number / 100 * font_size if unit == "%" else number * font_size
