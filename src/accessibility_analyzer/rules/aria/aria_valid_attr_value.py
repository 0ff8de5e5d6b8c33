"""aria-valid-attr-value: ARIA states and properties have values of their value type."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import aria_attributes, is_valid_attribute_value
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ATTRIBUTES
from accessibility_analyzer.rules.aria._shared import (
    elements_with_aria,
    is_html_or_svg,
    listing,
    quoted_attribute,
)

VALID_VALUES = Diagnostic.passed("ARIA states and properties have valid values")
INVALID_VALUES = Diagnostic.failed(
    "ARIA states and properties must have a value of their WAI-ARIA value type",
    fix_hint=(
        'Use one of the allowed tokens (aria-expanded="true|false"), a number for numeric '
        "properties, or an id for references."
    ),
)


def _checked_attributes(element: Element) -> list[str]:
    """Defined ARIA attributes with a non-empty value (the ACT targets)."""
    return [name for name in aria_attributes(element) if name in ATTRIBUTES and element.attrs[name]]


class AriaValidAttrValue(Rule):
    """ARIA states and properties must have valid values.

    ## What it checks
    Every WAI-ARIA state or property with a non-empty value on an HTML or SVG element has a
    value valid for its value type: one of the listed tokens (`true`/`false`, `mixed`,
    `polite`...), an integer or number, or one or more ids. Referenced ids need not exist.
    One finding per element lists every invalid value.

    ## Why it matters
    Browsers ignore or reinterpret invalid values: `aria-expanded="yes"` is not announced as
    expanded, `aria-live="loud"` makes nothing live (WCAG 4.1.2, 1.3.1).

    ## Fails
        <div role="button" aria-pressed="yes">Bold</div>
        <div role="heading" aria-level="two">Title</div>

    ## Passes
        <div role="checkbox" aria-checked="mixed">All</div>
        <input aria-describedby="hint-1 hint-2">

    ## Limitations
    Whether a referenced element exists is not checked here; values set by scripts after
    load are not seen.
    """

    meta = RuleMeta(
        id="aria-valid-attr-value",
        name="ARIA states and properties have valid values",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("6a7281",),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML and SVG elements with a defined ARIA attribute whose value is not empty."""
        for element in elements_with_aria(page):
            if is_html_or_svg(element) and _checked_attributes(element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every checked attribute's value is valid for its value type."""
        checked = _checked_attributes(target)
        invalid = [
            name for name in checked if not is_valid_attribute_value(name, target.attrs[name])
        ]
        if invalid:
            return Verdict(
                INVALID_VALUES, listing(quoted_attribute(target, name) for name in invalid)
            )
        return Verdict(VALID_VALUES, listing(quoted_attribute(target, name) for name in checked))
