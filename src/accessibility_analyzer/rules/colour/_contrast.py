"""The shared shape of the two text contrast rules (ACT afw4f7 minimum, 09o5cg enhanced).

Both test the same text with the same measurement and differ only in the ratios they
expect, so a subclass sets two numbers and its messages.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import ClassVar

from accessibility_analyzer.engine.aria import accessible_name, is_visible
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict
from accessibility_analyzer.rules._common import with_stylesheet_assumption
from accessibility_analyzer.rules.colour._measure import Measurement, measure
from accessibility_analyzer.rules.colour._text import expresses_language, own_text, text_elements

Details = dict[str, str | int | float | bool]


# Text at least this contrasted passes both rules whatever its size: whether it is
# visually hidden (which costs more to know) does not change its outcome.
_PASSES_EVERY_RULE = 7.0


def applicable_text(page: Page) -> list[Element]:
    """Text elements whose text is visible: not 1:1 with its background, nor hidden by a
    visual technique (ACT afw4f7). Memoised per page: both contrast rules test them."""
    table = page.memo_table("colour.applicable_text")
    known = table.get(-1)
    if known is None:
        known = table[-1] = [
            element for element in text_elements(page) if _is_visible_text(page, element)
        ]
    return known


def _is_visible_text(page: Page, element: Element) -> bool:
    measurement = measure(page, element)
    if measurement.invisible:
        return False
    if measurement.pairs and measurement.worst.ratio >= _PASSES_EVERY_RULE:
        return True  # passes anyway: a clipped or off-screen text would be inapplicable
    return is_visible(page, element) is not False


def measured_details(page: Page, element: Element) -> Details:
    """The measured values of the element's text (memoised; callers copy before adding)."""
    table = page.element_table("colour.details")
    known = table[element.order]
    if known is NOT_COMPUTED:
        known = table[element.order] = _details(measure(page, element))
    return known  # type: ignore[no-any-return]


def _details(measurement: Measurement) -> Details:
    font = measurement.font
    details: Details = {}
    if measurement.pairs:
        pair = measurement.best
        details["contrastRatio"] = math.floor(pair.ratio * 100) / 100
        details["foreground"] = pair.foreground.hex()
        details["background"] = pair.background.hex()
    if font.size is not None:
        details["fontSize"] = round(font.size, 2)
    details["fontWeight"] = font.weight
    large = font.is_large()
    if large is not None:
        details["largeText"] = large
    return details


@lru_cache(maxsize=16)
def _details_table(expected: float | None) -> str:
    return f"colour.details.{expected}"


def details_for(page: Page, element: Element, expected: float | None) -> Details:
    """The finding's details: the measured values and the expected ratio (memoised per
    element and ratio; the runner copies them)."""
    table = page.element_table(_details_table(expected))
    known = table[element.order]
    if known is NOT_COMPUTED:
        known = dict(measured_details(page, element))
        if expected is not None:
            known["expectedRatio"] = expected
        table[element.order] = known
    return known  # type: ignore[no-any-return]


def describe(page: Page, element: Element, expected: float | None) -> str:
    """The measured values as one line of the finding's reason (memoised per element, all
    but the expected ratio: the two contrast rules share it)."""
    table = page.element_table("colour.description")
    parts = table[element.order]
    if parts is NOT_COMPUTED:
        details = measured_details(page, element)
        colours = (
            f"contrast {details['contrastRatio']:.2f}:1 ({details['foreground']} on "
            f"{details['background']}); "
            if "contrastRatio" in details
            else ""
        )
        size = details.get("fontSize")
        size_text = f"{size:g}px" if isinstance(size, float | int) else "a size layout decides"
        large = " (large text)" if details.get("largeText") else ""
        parts = table[element.order] = (
            colours,
            f"font {size_text} weight {details['fontWeight']}{large}",
        )
    colours, font = parts
    return f"{colours}expected {expected:g}:1; {font}" if expected else f"{colours}{font}"


def is_named_glyph(page: Page, element: Element, glyph: str) -> bool:
    """Whether a one-character text is an icon whose element's name comes from elsewhere:
    the nearest ``aria-label``/``aria-labelledby`` (the element or two levels up) names it
    without that character (``<button aria-label="Close">X</button>``)."""
    node: Element | None = element
    for _ in range(3):
        if node is None:
            return False
        if "aria-label" in node.attrs or "aria-labelledby" in node.attrs:
            return glyph.lower() not in accessible_name(page, node).lower()
        node = node.parent
    return False


class TextContrastRule(Rule):
    """Base of the text contrast rules: subclasses set the ratios and messages."""

    normal_ratio: ClassVar[float]
    large_ratio: ClassVar[float]
    enough: ClassVar[Diagnostic]
    too_low: ClassVar[Diagnostic]
    unknown: ClassVar[Diagnostic]

    def applicability(self, page: Page) -> list[Element]:
        """HTML elements with visible text of their own (see ``_text``)."""
        return applicable_text(page)

    def expected_ratio(self, measurement: Measurement) -> float | None:
        """The ratio the text needs; ``None`` when its size (so largeness) needs layout."""
        large = measurement.font.is_large()
        if large is None:
            return None
        return self.large_ratio if large else self.normal_ratio

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The highest possible contrast reaches the expected ratio."""
        measurement = measure(page, target)
        expected = self.expected_ratio(measurement)
        details = details_for(page, target, expected)
        if measurement.unknown is not None:
            reason = f"{measurement.unknown}; {describe(page, target, expected)}"
            return Verdict(self.unknown, reason, details=details)
        best, worst = measurement.best.ratio, measurement.worst.ratio
        low, high = (expected, expected) if expected else (self.large_ratio, self.normal_ratio)
        if worst >= high:
            return Verdict(self.enough, details=details)
        if best >= low:
            why = (
                "whether the text is large needs layout"
                if expected is None
                else "part of the background (a gradient or shadow) has too little contrast"
            )
            reason = f"{why}; {describe(page, target, expected)}"
            return Verdict(self.unknown, reason, details=details)
        return self._low_contrast(page, target, expected, details)

    def _low_contrast(
        self, page: Page, target: Element, expected: float | None, details: Details
    ) -> Verdict:
        reason = describe(page, target, expected)
        text = own_text(target).strip()
        if not expresses_language(text):
            why = "the text expresses no human language"
            return Verdict(self.enough, f"{why}; {reason}", details=details)
        if len(text) == 1:
            if is_named_glyph(page, target, text):
                why = "an icon glyph, named by aria-label: not language"
                return Verdict(self.enough, f"{why}; {reason}", details=details)
            why = "a single character may be an icon glyph"
            return Verdict(self.unknown, f"{why}; {reason}", details=details)
        if is_visible(page, target) is None:
            why = "whether the text is visible needs layout"
            return Verdict(self.unknown, f"{why}; {reason}", details=details)
        return Verdict(self.too_low, with_stylesheet_assumption(page, reason), details=details)
