"""aria-required-attr: elements with an explicit role set the role's required states."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role,
    implicit_role,
    input_type,
    is_focusable,
    is_included_in_accessibility_tree,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import (
    FOCUSABLE_REQUIRED_STATES,
    MISSING_REQUIRED_DEFAULTS,
    ROLES,
)
from accessibility_analyzer.engine.standards.html_aam import NATIVE_STATES_BY_INPUT_TYPE
from accessibility_analyzer.rules.aria._shared import is_html_or_svg, listing

HAS_REQUIRED = Diagnostic.passed("The role's required states and properties are set")
MISSING_REQUIRED = Diagnostic.failed(
    "An element with an explicit role must set the role's required states and properties",
    fix_hint=(
        'Add the missing attributes (role="checkbox" needs aria-checked, role="slider" needs '
        "aria-valuenow...), or use the native HTML element, which provides them."
    ),
)


def _explicit_role_differs(page: Page, element: Element) -> str | None:
    """The explicit role when it is not also the element's implicit role."""
    role = explicit_role(page, element)
    if role is None or role == implicit_role(page, element):
        return None
    return role


def _required(page: Page, element: Element, role: str) -> frozenset[str]:
    """The role's required states, with those a focusable element of the role adds."""
    required = ROLES[role].required_states
    extra = FOCUSABLE_REQUIRED_STATES.get(role)
    if extra and is_focusable(page, element):
        required = required | extra
    return required


def _native_states(element: Element) -> frozenset[str]:
    """States the element's native semantics supply (a checkbox input's checkedness)."""
    if element.is_html and element.tag == "input":
        return NATIVE_STATES_BY_INPUT_TYPE.get(input_type(element), frozenset())
    return frozenset()


def _missing(page: Page, element: Element, role: str) -> list[str]:
    """Required attributes of ``role`` that are absent or empty and have no default."""
    defaults = MISSING_REQUIRED_DEFAULTS.get(role, {})
    native = _native_states(element)
    return sorted(
        name
        for name in _required(page, element, role)
        if not element.attrs.get(name) and name not in defaults and name not in native
    )


class AriaRequiredAttr(Rule):
    """Elements with an explicit role must have the role's required states and properties.

    ## What it checks
    Every HTML or SVG element in the accessibility tree whose `role` attribute gives it a
    role other than its implicit one sets every state and property WAI-ARIA requires for
    that role, with a non-empty value. Only the defaults CORE-AAM lists for missing
    required attributes (`aria-selected="false"` on `option`) excuse an absent attribute.
    A focusable `separator` is a splitter widget and needs `aria-valuenow` (WAI-ARIA 1.2).

    ## Why it matters
    Without its required state a custom widget cannot tell what state it is in: a
    `role="checkbox"` without `aria-checked` is announced neither checked nor unchecked
    (WCAG 4.1.2, 1.3.1).

    ## Fails
        <div role="checkbox" tabindex="0">Subscribe</div>
        <div role="slider" tabindex="0"></div>
        <div role="separator" tabindex="0"></div>

    ## Passes
        <div role="checkbox" aria-checked="false" tabindex="0">Subscribe</div>
        <input type="checkbox" role="switch">

    ## Limitations
    Native HTML attributes are not counted as providing a state for a different explicit
    role (as in the ACT rule), except the checkedness of `<input type="checkbox">` and
    `type="radio"`, which is their `aria-checked` (ARIA in HTML forbids setting it there), so
    `<input type="checkbox" role="switch">` passes. A `slider` with `aria-valuetext` but no
    `aria-valuenow` fails (decided: WAI-ARIA 1.2 requires it, and browsers then expose the
    midpoint as its value; axe-core accepts it). Values set by scripts after load are not
    seen.
    """

    meta = RuleMeta(
        id="aria-required-attr",
        name="Elements with a role have its required states and properties",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("4e8ab6",),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML/SVG elements whose explicit role differs from their implicit role."""
        for element in page.elements:
            if (
                "role" in element.attrs
                and is_html_or_svg(element)
                and _explicit_role_differs(page, element) is not None
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every required state of the role is set and not empty."""
        role = explicit_role(page, target) or ""
        missing = _missing(page, target, role)
        if missing:
            return Verdict(MISSING_REQUIRED, f'role="{role}" lacks {listing(missing)}')
        required = sorted(_required(page, target, role))
        detail = f"needs {listing(required)}: set or defaulted" if required else "needs none"
        return Verdict(HAS_REQUIRED, f'role="{role}" {detail}')
