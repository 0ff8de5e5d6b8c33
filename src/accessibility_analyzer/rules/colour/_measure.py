"""The contrast of an element's own text: every foreground/background pair CSS allows.

Most text has one pair: its colour over the composited background. Gradients give several
background colours, text shadows put their colour behind the glyphs' edges. The
measurement keeps the highest and lowest ratio over the pairs (ACT's "highest possible
contrast" decides a pass; when every pair fails the text fails), memoised per element since
both contrast rules and the link rule ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accessibility_analyzer.engine.css import computed_style
from accessibility_analyzer.engine.css.colour import (
    CURRENT_COLOUR,
    Colour,
    contrast_ratio,
    over,
    parse_colour,
    split_top_level,
)
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page
from accessibility_analyzer.rules.colour._backdrop import (
    Backdrop,
    backdrop,
    foreground,
    mentioned,
)
from accessibility_analyzer.rules.colour._text import Font, font_of

_LENGTH = re.compile(r"^(-?[0-9]*\.?[0-9]+)(px|em|rem)?$")
_HALO_BLUR_PX = 1.0  # a blurred shadow surrounds the glyph: its colour is the background


@dataclass(frozen=True, slots=True)
class Pair:
    """One foreground/background combination and its ratio."""

    foreground: Colour
    background: Colour
    ratio: float


@dataclass(frozen=True, slots=True)
class Measurement:
    """What the cascade tells about one element's text colours.

    ``pairs`` is empty when ``unknown`` says why the colours cannot be known.
    """

    pairs: tuple[Pair, ...]
    font: Font
    unknown: str | None = None

    @property
    def best(self) -> Pair:
        """The pair with the highest ratio (ACT's highest possible contrast)."""
        pairs = self.pairs
        return pairs[0] if len(pairs) == 1 else max(pairs, key=lambda pair: pair.ratio)

    @property
    def worst(self) -> Pair:
        """The pair with the lowest ratio."""
        pairs = self.pairs
        return pairs[0] if len(pairs) == 1 else min(pairs, key=lambda pair: pair.ratio)

    @property
    def invisible(self) -> bool:
        """Text whose every pixel has the background's colour (1:1): not visible text."""
        return bool(self.pairs) and self.best.ratio <= 1.0 + 1e-9


def measure(page: Page, element: Element) -> Measurement:
    """The memoised measurement of ``element``'s own text."""
    table = page.element_table("colour.measurement")
    known = table[element.order]
    if known is NOT_COMPUTED:
        known = table[element.order] = _measure(page, element)
    return known  # type: ignore[no-any-return]


def _measure(page: Page, element: Element) -> Measurement:
    font = font_of(page, element)
    text = foreground(page, element)
    if text is None:
        colour = computed_style(page, element).get("color")
        return Measurement((), font, f"the text colour ({colour}) is not computed")
    shadow = (
        computed_style(page, element).get("text-shadow") if mentioned(page, "text-shadow") else None
    )
    behind = backdrop(page, element)
    # Text elements of a page repeat a few fonts, colours and backdrops (backdrops are
    # shared objects, memoised per element for the page's life): measured once per page.
    table = page.memo_table("colour.measurement_by_inputs")
    shared: dict[tuple[Font, Colour, int, str | None], Measurement] | None = table.get(0)
    if shared is None:
        shared = table[0] = {}
    key = (font, text, id(behind), shadow)
    measured = shared.get(key)
    if measured is None:
        shadows = _shadows(shadow or "none", text)
        if shadows is None:
            measured = Measurement((), font, "the text shadow's colour is not computed")
        else:
            measured = _with_shadows(font, text, behind, shadows)
        shared[key] = measured
    return measured


def _with_shadows(
    font: Font, text: Colour, behind: Backdrop, shadows: list[tuple[Colour, float]]
) -> Measurement:
    """The pairs of the text over its backdrop, with its text shadows (if any) beside or
    around the glyphs."""
    halo = [colour for colour, blur in shadows if blur >= _HALO_BLUR_PX]
    if halo and all(colour.is_opaque for colour in halo):
        # Opaque blurred shadows surround every glyph: they are its background.
        backgrounds = halo
        text_colours = [over(text, colour) for colour in halo]
        return _measured(font, text_colours, backgrounds)
    text_pixels = behind.flatten(text)
    background_pixels = behind.flatten()
    if text_pixels is None or background_pixels is None:
        return Measurement((), font, behind.why_unknown or "the background is not computed")
    if halo:
        if len(background_pixels) != 1:
            return Measurement((), font, "a translucent text shadow over a gradient")
        base = background_pixels[0]
        backgrounds = [over(colour, base) for colour in halo]
        return _measured(font, [over(text, colour) for colour in backgrounds], backgrounds)
    # Sharp shadows sit beside the glyphs: both they and the background touch the text.
    if shadows and len(background_pixels) == 1:
        base = background_pixels[0]
        extra = [over(colour, base) for colour, _ in shadows]
        return _measured(
            font, text_pixels + [text_pixels[0]] * len(extra), background_pixels + extra
        )
    return _measured(font, text_pixels, background_pixels)


def _measured(font: Font, texts: list[Colour], backgrounds: list[Colour]) -> Measurement:
    pairs = tuple(
        Pair(text, background, contrast_ratio(text, background))
        for text, background in zip(texts, backgrounds, strict=True)
    )
    return Measurement(pairs, font)


def _px(word: str) -> float | None:
    match = _LENGTH.match(word)
    if match is None:
        return None
    number = float(match.group(1))
    return number * 16 if match.group(2) in ("em", "rem") else number


def _shadows(value: str, text: Colour) -> list[tuple[Colour, float]] | None:
    """``text-shadow`` -> (colour, blur px) per shadow; ``None`` for an unknown colour.

    Fully transparent shadows are dropped.
    """
    if value in ("none", "initial", "unset"):
        return []
    shadows: list[tuple[Colour, float]] = []
    for shadow in split_top_level(value, ","):
        colour: Colour | None = text  # the default shadow colour is currentcolor
        lengths: list[float] = []
        for word in split_top_level(shadow):
            length = _px(word)
            if length is not None:
                lengths.append(length)
                continue
            parsed = parse_colour(word)
            if parsed is CURRENT_COLOUR:
                colour = text
            elif isinstance(parsed, Colour):
                colour = parsed
            else:
                return None
        if colour is None or colour.is_transparent:
            continue
        shadows.append((colour, lengths[2] if len(lengths) > 2 else 0.0))
    return shadows
