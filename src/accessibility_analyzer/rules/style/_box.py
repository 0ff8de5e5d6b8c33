"""Box sizes that CSS alone decides: definite widths and heights, padding, border, margins.

Without layout only explicit lengths are known: ``auto``, percentages and ``fit-content``
are ``None`` (unknown). Lengths in ``em`` use the element's computed font size, ``rem`` the
root's. The cascade tracks one border width for all sides (from ``border``/``border-width``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.css import Style
from accessibility_analyzer.engine.dom import Element, Page

_LENGTH = re.compile(r"^([+]?(?:\d+\.?\d*|\.\d+))(px|em|rem)?$")
_BORDER_KEYWORDS = {"thin": 1.0, "medium": 3.0, "thick": 5.0}
_NO_BORDER = frozenset({"none", "hidden"})
_DEFAULT_FONT_PX = 16.0


@dataclass(frozen=True)
class Box:
    """What CSS says about one element's box; ``None`` = layout decides."""

    width: float | None  # border-box width
    height: float | None  # border-box height
    margin_left: float | None
    margin_right: float | None
    display: str
    position: str


@dataclass(frozen=True)
class _Units:
    font: float | None  # the element's font size in px
    root: float  # the root's font size in px

    def px(self, value: str | None) -> float | None:
        """A non-negative length in px; ``None`` for anything layout would decide."""
        if value is None:
            return None
        match = _LENGTH.match(value.strip())
        if match is None:
            return None
        number, unit = float(match.group(1)), match.group(2)
        if unit == "px":
            return number
        if unit == "em":
            return number * self.font if self.font is not None else None
        if unit == "rem":
            return number * self.root
        return 0.0 if number == 0 else None


def _font_px(style: Style) -> float | None:
    value = style.get("font-size") or ""
    return float(value[:-2]) if value.endswith("px") and _LENGTH.match(value) else None


def _border(style: Style, units: _Units) -> float | None:
    if (style.get("border-style") or "none") in _NO_BORDER:
        return 0.0
    width = style.get("border-width") or "medium"
    return _BORDER_KEYWORDS.get(width, units.px(width) or 0.0) if width else None


def _dimension(style: Style, axis: str, units: _Units) -> float | None:
    """The border-box size along ``axis`` (``width``/``height``), when CSS decides it."""
    minimum = units.px(style.get(f"min-{axis}"))
    declared = units.px(style.get(axis))
    if declared is None:
        return minimum if minimum else None  # only a lower bound is known
    if style.get("box-sizing") != "border-box":
        sides = ("left", "right") if axis == "width" else ("top", "bottom")
        border = _border(style, units)
        for side in sides:
            padding = units.px(style.get(f"padding-{side}"))
            if padding is None or border is None:
                return None
            declared += padding + border
    return max(declared, minimum or 0.0)


def box_of(page: Page, element: Element) -> Box:
    """The element's box as far as its computed style decides it (memoised per element)."""
    memo: dict[int, Box] = page.memo_table("rules.box")
    found = memo.get(element.order)
    if found is None:
        found = memo[element.order] = _box(page, element)
    return found


def _box(page: Page, element: Element) -> Box:
    style = computed_style(page, element)
    units = _Units(_font_px(style), _font_px(computed_style(page, page.root)) or _DEFAULT_FONT_PX)
    return Box(
        width=_dimension(style, "width", units),
        height=_dimension(style, "height", units),
        margin_left=units.px(style.get("margin-left")),
        margin_right=units.px(style.get("margin-right")),
        display=style.display,
        position=style.get("position") or "static",
    )
