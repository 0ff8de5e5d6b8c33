"""aria-allowed-attr: ARIA states and properties are permitted on the element's role."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    aria_attributes,
    explicit_role,
    input_type,
    is_attribute_supported,
    is_included_in_accessibility_tree,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ATTRIBUTES
from accessibility_analyzer.engine.standards.html_aam import MIRRORED_STATES_BY_INPUT_TYPE
from accessibility_analyzer.rules.aria._shared import elements_with_aria, is_html_or_svg, listing

PERMITTED = Diagnostic.passed("Every ARIA state and property is permitted on the role")
NOT_PERMITTED = Diagnostic.failed(
    "ARIA states and properties must be supported by the element's role",
    fix_hint=(
        "Remove the attribute, or give the element a role that supports it "
        '(aria-checked belongs on role="checkbox", not on a button).'
    ),
)


def _defined_attributes(element: Element) -> list[str]:
    return [name for name in aria_attributes(element) if name in ATTRIBUTES]


def _is_permitted(page: Page, element: Element, name: str) -> bool:
    """Global, or inherited/supported/required by the role (prohibited globals pass here:
    ``aria-prohibited-attr`` reports those)."""
    spec = ATTRIBUTES[name]
    return (
        spec.is_global
        or is_attribute_supported(page, element, name)
        or _mirrors_native_attribute(page, element, name)
    )


def _mirrors_native_attribute(page: Page, element: Element, name: str) -> bool:
    """``aria-required`` on a native radio button (no role attribute changing it)."""
    return (
        element.is_html
        and element.tag == "input"
        and name in MIRRORED_STATES_BY_INPUT_TYPE.get(input_type(element), ())
        and explicit_role(page, element) is None
    )


class AriaAllowedAttr(Rule):
    """ARIA states and properties must be permitted on the element's role.

    ## What it checks
    Every WAI-ARIA state or property on an HTML or SVG element in the accessibility tree is
    either global or supported (inherited, supported or required) by the element's semantic
    role. Global attributes that the role prohibits (`aria-label` on a `<span>`) are left to
    `aria-prohibited-attr`. Unknown `aria-*` names are left to `aria-valid-attr`.

    ## Why it matters
    Browsers drop attributes a role does not support: `aria-checked` on a link or
    `aria-expanded` on a paragraph conveys nothing, so the state the author meant to expose
    is lost (WCAG 4.1.2, 1.3.1).

    ## Fails
        <a href="/inbox" aria-checked="true">Inbox</a>
        <p aria-sort="ascending">Prices</p>

    ## Passes
        <div role="checkbox" aria-checked="true" tabindex="0">Subscribe</div>
        <button aria-pressed="false">Bold</button>

    ## Limitations
    Decided against the literal WAI-ARIA 1.2 table, with axe-core: `aria-required` on a
    native `<input type="radio">` passes, because HTML's own `required`, valid there, maps to
    the same state (a custom `role="radio"` still fails). The role is taken from markup;
    roles that scripts set later are not seen.
    """

    meta = RuleMeta(
        id="aria-allowed-attr",
        name="ARIA states and properties are permitted on the role",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("5c01ea",),
        impact=Impact.SERIOUS,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML/SVG elements with a defined ARIA state or property."""
        for element in elements_with_aria(page):
            if (
                is_html_or_svg(element)
                and _defined_attributes(element)
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every defined ARIA attribute is global or supported by the semantic role."""
        role = role_of(page, target) or "generic"
        names = _defined_attributes(target)
        refused = [name for name in names if not _is_permitted(page, target, name)]
        if refused:
            return Verdict(NOT_PERMITTED, f"role {role} does not support {listing(refused)}")
        return Verdict(PERMITTED, f"role {role}: {listing(names)}")
