"""Helpers of the ARIA rules: which elements ACT calls "HTML or SVG"; the reason texts and
focus helpers they use come from :mod:`rules._reasons` and :mod:`rules._focus`."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.rules._focus import (
    may_be_focusable,
    tabbable_descendants,
    tabbable_inclusive_descendant,
)
from accessibility_analyzer.rules._reasons import describe, listing, quoted_attribute


def is_html_or_svg(element: Element) -> bool:
    """ACT "HTML or SVG element": MathML elements are out of scope of the ARIA rules."""
    return element.namespace is not Namespace.MATHML


def elements_with_aria(page: Page) -> list[Element]:
    """Elements with at least one ``aria-*`` attribute, in document order (memoised: the
    ARIA attribute rules test only these, a few of a page's elements)."""
    table = page.memo_table("rules.elements_with_aria")
    found: list[Element] | None = table.get(page.root.order)
    if found is None:
        found = table[page.root.order] = [
            element
            for element in page.elements
            if element.attrs and any(name.startswith("aria-") for name in element.attrs)
        ]
    return found


def _document_order(element: Element) -> int:
    return element.order


# Attributes whose value is one or more id references (WAI-ARIA ID Reference types).
_REFERENCE_ATTRIBUTES = (
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
)


def referenced_ids(page: Page) -> dict[str, str]:
    """Referenced id -> the first attribute referring to it, over the whole page (memoised)."""
    table = page.memo_table("rules.referenced_ids")
    found: dict[str, str] | None = table.get(page.root.order)
    if found is None:
        found = {}
        # Only elements with an aria-* attribute or <label>s can refer (in document order,
        # as "first" means): not every element's eight attributes looked up.
        labels = [element for element in page.by_tag("label") if element.is_html]
        referring = elements_with_aria(page)
        if labels:
            referring = sorted({*referring, *labels}, key=_document_order)
        for element in referring:
            attrs = element.attrs
            for name in _REFERENCE_ATTRIBUTES:
                value = attrs.get(name)
                if value:
                    for token in value.split():
                        found.setdefault(token, name)
            if element.tag == "label" and element.is_html:
                target = attrs.get("for")
                if target:
                    found.setdefault(target, "label for")
        table[page.root.order] = found
    return found


__all__ = [
    "describe",
    "elements_with_aria",
    "is_html_or_svg",
    "listing",
    "may_be_focusable",
    "quoted_attribute",
    "referenced_ids",
    "tabbable_descendants",
    "tabbable_inclusive_descendant",
]
