"""aria-prohibited-attr: global ARIA attributes are not used where the role prohibits them."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    aria_attributes,
    is_attribute_prohibited,
    is_included_in_accessibility_tree,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ATTRIBUTES
from accessibility_analyzer.rules.aria._shared import elements_with_aria, is_html_or_svg, listing

NOT_PROHIBITED = Diagnostic.passed("No global ARIA attribute is prohibited on the role")
PROHIBITED = Diagnostic.failed(
    "Global ARIA attributes must not be used on roles that prohibit them",
    fix_hint=(
        "Remove aria-label/aria-labelledby from elements that cannot be named (span, div, p), "
        "or give the element a role that can be named."
    ),
)


def _global_attributes(element: Element) -> list[str]:
    return [
        name
        for name in aria_attributes(element)
        if name in ATTRIBUTES and ATTRIBUTES[name].is_global
    ]


def _is_blank_label(element: Element, name: str) -> bool:
    """An ``aria-label`` of whitespace only names nothing (accname trims it away)."""
    return name == "aria-label" and not (element.attrs.get(name) or "").strip()


class AriaProhibitedAttr(Rule):
    """Global ARIA attributes must not be used where the role prohibits them.

    ## What it checks
    Every global WAI-ARIA state or property on an HTML or SVG element in the accessibility
    tree is not prohibited by the element's semantic role. WAI-ARIA 1.2 prohibits naming
    (`aria-label`, `aria-labelledby`) on `generic`, `paragraph`, `code`, `caption` and other
    roles whose name must come from nowhere.

    ## Why it matters
    Browsers and screen readers ignore a prohibited name: an `aria-label` on a `<span>` or
    `<div>` is usually never announced, so the information it carries is lost (WCAG 4.1.2,
    1.3.1).

    ## Fails
        <span aria-label="Rating: 4 of 5">★★★★</span>
        <p aria-labelledby="intro-heading">Welcome.</p>

    ## Passes
        <nav aria-label="Main">…</nav>
        <span role="img" aria-label="Rating: 4 of 5">★★★★</span>

    An `aria-label` of whitespace only passes: it gives no name, so nothing is lost.

    ## Limitations
    The role is taken from markup; roles that scripts set later are not seen.
    """

    meta = RuleMeta(
        id="aria-prohibited-attr",
        name="ARIA attributes are not prohibited on the role",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("kb1m8s",),
        impact=Impact.SERIOUS,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML/SVG elements with a global ARIA state or property."""
        for element in elements_with_aria(page):
            if (
                is_html_or_svg(element)
                and _global_attributes(element)
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No global attribute is prohibited by the semantic role."""
        role = role_of(page, target) or "generic"
        names = _global_attributes(target)
        refused = [
            name
            for name in names
            if is_attribute_prohibited(page, target, name) and not _is_blank_label(target, name)
        ]
        if refused:
            return Verdict(PROHIBITED, f"role {role} prohibits {listing(refused)}")
        return Verdict(NOT_PROHIBITED, f"role {role}: {listing(names)}")
