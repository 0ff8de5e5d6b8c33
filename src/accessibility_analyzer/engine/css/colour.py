"""Colours: parsing every CSS colour syntax, alpha compositing, luminance and contrast.

Pure arithmetic on the computed values of ``color`` and ``background-*``. Parsing goes
through tinycss2's CSS Color 4 parser (named colours, ``#rgb[a]``, ``#rrggbb[aa]``,
``rgb()``/``rgba()`` in comma and space syntax, ``hsl()``/``hsla()``, ``hwb()``,
``transparent``); the CSS system colours get the values Chromium uses in its light scheme.
Colours this module cannot turn into sRGB (``lab()``, ``oklch()``, ``color-mix()``,
``var()``) parse as :data:`UNKNOWN`, so a caller answers cantTell instead of guessing.

Contrast follows WCAG 2.2: relative luminance of sRGB colours and the ratio
``(L1 + 0.05) / (L2 + 0.05)``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from tinycss2 import color4


@dataclass(frozen=True, slots=True)
class Colour:
    """An sRGB colour: channels 0-255 (floats: blending keeps fractions), alpha 0-1."""

    red: float
    green: float
    blue: float
    alpha: float = 1.0

    @property
    def is_opaque(self) -> bool:
        """Whether nothing behind the colour shows through."""
        return self.alpha >= 1.0

    @property
    def is_transparent(self) -> bool:
        """Whether the colour paints nothing."""
        return self.alpha <= 0.0

    def with_alpha(self, factor: float) -> Colour:
        """The colour with its alpha multiplied by ``factor`` (``opacity`` on a group)."""
        return Colour(self.red, self.green, self.blue, self.alpha * factor)

    def hex(self) -> str:
        """``#rrggbb`` of the colour (alpha dropped: callers flatten first)."""
        return _hex(self.red, self.green, self.blue)


@lru_cache(maxsize=4096)  # a page repeats a few colours in thousands of findings
def _hex(red: float, green: float, blue: float) -> str:
    return f"#{_byte(red):02x}{_byte(green):02x}{_byte(blue):02x}"


def _byte(channel: float) -> int:
    return 0 if channel <= 0 else 255 if channel >= 255 else round(channel)


class _Special:
    """A colour keyword whose value the caller resolves (``currentcolor``), or none known."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


CURRENT_COLOUR: Final = _Special("currentcolor")
"""``currentColor``: the element's own computed ``color``."""
UNKNOWN: Final = _Special("unknown")
"""A colour this module cannot compute (``lab()``, ``color-mix()``, ``var()``, invalid)."""

WHITE: Final = Colour(255.0, 255.0, 255.0)
BLACK: Final = Colour(0.0, 0.0, 0.0)
TRANSPARENT: Final = Colour(0.0, 0.0, 0.0, 0.0)

# CSS Color 4 § 6.2 system colours, as Chromium paints them in its light colour scheme.
SYSTEM_COLOURS: Final[dict[str, Colour]] = {
    "canvas": WHITE,
    "canvastext": BLACK,
    "linktext": Colour(0.0, 0.0, 238.0),
    "visitedtext": Colour(85.0, 26.0, 139.0),
    "activetext": Colour(255.0, 0.0, 0.0),
    "buttonface": Colour(239.0, 239.0, 239.0),
    "buttontext": BLACK,
    "buttonborder": Colour(118.0, 118.0, 118.0),
    "field": WHITE,
    "fieldtext": BLACK,
    "highlight": Colour(181.0, 213.0, 255.0),
    "highlighttext": BLACK,
    "selecteditem": Colour(0.0, 117.0, 255.0),
    "selecteditemtext": WHITE,
    "mark": Colour(255.0, 255.0, 0.0),
    "marktext": BLACK,
    "graytext": Colour(109.0, 109.0, 109.0),
    "accentcolor": Colour(0.0, 117.0, 255.0),
    "accentcolortext": WHITE,
}
_SRGB_SPACES = frozenset({"srgb", "hsl", "hwb"})


@lru_cache(maxsize=4096)
def parse_colour(value: str) -> Colour | _Special:
    """The colour of a computed CSS value.

    Returns:
        a :class:`Colour`, :data:`CURRENT_COLOUR` for ``currentcolor``, or :data:`UNKNOWN`
        for anything not computable to sRGB here.
    """
    text = value.strip().lower()
    system = SYSTEM_COLOURS.get(text)
    if system is not None:
        return system
    if "var(" in text:
        return UNKNOWN
    try:
        parsed = color4.parse_color(text)
    except (ValueError, TypeError, IndexError):  # malformed functional notation
        return UNKNOWN
    if parsed == "currentcolor":
        return CURRENT_COLOUR
    if not isinstance(parsed, color4.Color) or parsed.space not in _SRGB_SPACES:
        return UNKNOWN
    srgb = parsed.to("srgb")
    red, green, blue = (max(0.0, min(1.0, float(channel))) * 255.0 for channel in srgb.coordinates)
    return Colour(red, green, blue, max(0.0, min(1.0, float(srgb.alpha))))


def over(top: Colour, bottom: Colour) -> Colour:
    """``top`` painted over ``bottom`` (Porter-Duff source-over, non-premultiplied in/out)."""
    if top.alpha >= 1.0 or bottom.alpha <= 0.0:
        return top
    if top.alpha <= 0.0:
        return bottom
    alpha = top.alpha + bottom.alpha * (1.0 - top.alpha)
    below = bottom.alpha * (1.0 - top.alpha)

    def channel(upper: float, lower: float) -> float:
        return (upper * top.alpha + lower * below) / alpha

    return Colour(
        channel(top.red, bottom.red),
        channel(top.green, bottom.green),
        channel(top.blue, bottom.blue),
        alpha,
    )


def _linear(channel: float) -> float:
    value = channel / 255.0
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: Colour) -> float:
    """WCAG relative luminance of an opaque colour (0 for black, 1 for white)."""
    return (
        0.2126 * _linear(colour.red)
        + 0.7152 * _linear(colour.green)
        + 0.0722 * _linear(colour.blue)
    )


@lru_cache(maxsize=4096)  # pages repeat a few colour pairs
def contrast_ratio(first: Colour, second: Colour) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    one, two = luminance(first), luminance(second)
    lighter, darker = max(one, two), min(one, two)
    return (lighter + 0.05) / (darker + 0.05)


_GRADIENTS = (
    "linear-gradient(",
    "radial-gradient(",
    "conic-gradient(",
    "repeating-linear-gradient(",
    "repeating-radial-gradient(",
    "repeating-conic-gradient(",
)
_STOP_SAMPLES = 8  # colours between two stops: luminance is not monotonic along sRGB lines


def split_top_level(value: str, separator: str = " ") -> list[str]:
    """Split outside parentheses (``rgb(1, 2, 3)`` stays whole); empty parts dropped."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(value):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == separator and depth == 0:
            parts.append(value[start:index].strip())
            start = index + 1
    parts.append(value[start:].strip())
    return [part for part in parts if part]


def gradient_colours(image: str) -> list[Colour] | None:
    """Every colour a ``background-image`` of gradients can paint, or ``None``.

    ``None`` when the value holds anything but gradients (``url()``, ``image-set()``) or a
    stop colour that cannot be computed. Between two stops the colour is sampled, since the
    darkest or lightest colour of an sRGB interpolation may lie between its ends.
    ``currentcolor`` stops are returned as :data:`CURRENT_COLOUR` substitutes by the caller:
    here they make the result ``None``.
    """
    colours: list[Colour] = []
    for layer in split_top_level(image, ","):
        if not layer.startswith(_GRADIENTS) or not layer.endswith(")"):
            return None
        arguments = split_top_level(layer[layer.index("(") + 1 : -1], ",")
        stops: list[Colour] = []
        for argument in arguments:
            words = split_top_level(argument)
            if not words:
                continue
            parsed = parse_colour(words[0])
            if isinstance(parsed, Colour):
                stops.append(parsed)
            elif parsed is CURRENT_COLOUR:
                return None
            elif _is_colour_syntax(words[0]):
                return None  # a colour we cannot compute
        if not stops:
            return None
        colours.extend(_with_samples(stops))
    return colours or None


def _is_colour_syntax(word: str) -> bool:
    return word.startswith(("#", "rgb", "hsl", "hwb", "lab(", "lch(", "ok", "color")) or (
        word.isalpha() and word not in _GRADIENT_KEYWORDS
    )


_GRADIENT_KEYWORDS = frozenset(
    {
        "to", "at", "from", "in", "left", "right", "top", "bottom", "center", "circle",
        "ellipse", "closest-side", "closest-corner", "farthest-side", "farthest-corner",
        "srgb", "oklab", "oklch", "hsl", "hwb", "lab", "lch", "longer", "shorter",
        "increasing", "decreasing", "hue",
    }
)  # fmt: skip


def _with_samples(stops: list[Colour]) -> list[Colour]:
    colours = [stops[0]]
    for start, end in itertools.pairwise(stops):
        for step in range(1, _STOP_SAMPLES):
            share = step / _STOP_SAMPLES
            colours.append(
                Colour(
                    start.red + (end.red - start.red) * share,
                    start.green + (end.green - start.green) * share,
                    start.blue + (end.blue - start.blue) * share,
                    start.alpha + (end.alpha - start.alpha) * share,
                )
            )
        colours.append(end)
    return colours


__all__ = [
    "BLACK",
    "CURRENT_COLOUR",
    "SYSTEM_COLOURS",
    "TRANSPARENT",
    "UNKNOWN",
    "WHITE",
    "Colour",
    "contrast_ratio",
    "gradient_colours",
    "luminance",
    "over",
    "parse_colour",
]
