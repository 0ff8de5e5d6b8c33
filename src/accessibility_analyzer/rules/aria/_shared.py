"""Helpers of the ARIA rules: which elements ACT calls "HTML or SVG"; the reason texts and
focus helpers they use come from :mod:`rules._reasons` and :mod:`rules._focus`."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Namespace
from accessibility_analyzer.rules._focus import (
    may_be_focusable,
    tabbable_descendants,
    tabbable_inclusive_descendant,
)
from accessibility_analyzer.rules._reasons import describe, listing, quoted_attribute


def is_html_or_svg(element: Element) -> bool:
    """ACT "HTML or SVG element": MathML elements are out of scope of the ARIA rules."""
    return element.namespace is not Namespace.MATHML


__all__ = [
    "describe",
    "is_html_or_svg",
    "listing",
    "may_be_focusable",
    "quoted_attribute",
    "tabbable_descendants",
    "tabbable_inclusive_descendant",
]
