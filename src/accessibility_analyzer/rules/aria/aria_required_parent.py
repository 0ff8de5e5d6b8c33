"""aria-required-parent: elements whose role needs a context role sit in one."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessibility_parent,
    explicit_role,
    implicit_role,
    is_included_in_accessibility_tree,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ROLES
from accessibility_analyzer.rules.aria._shared import is_html_or_svg, listing

IN_CONTEXT = Diagnostic.passed("The element is owned by an element of a required context role")
OUT_OF_CONTEXT = Diagnostic.failed(
    "An element whose role needs a context role must be owned by an element with that role",
    fix_hint=(
        'Put the element inside its container role (role="option" inside role="listbox", '
        'role="tab" inside role="tablist"), or use aria-owns on the container.'
    ),
)


def _context_roles(page: Page, element: Element) -> tuple[str, ...]:
    """The required context roles of the explicit role (empty when none or implicit)."""
    role = explicit_role(page, element)
    if role is None or role == implicit_role(page, element):
        return ()
    spec = ROLES[role]
    return spec.required_context_roles if spec.module == "aria" else ()


class AriaRequiredParent(Rule):
    """Elements with a role that needs a context role must be owned by one.

    ## What it checks
    Every HTML or SVG element in the accessibility tree whose explicit WAI-ARIA 1.2 role
    (not its implicit one) has required context roles is a child, in the accessibility tree,
    of an element with one of those roles. Generic and presentational wrappers in between
    are skipped, and `aria-owns` moves an element under its owner, as browsers do.

    ## Why it matters
    An `option` outside a `listbox`, or a `tab` outside a `tablist`, loses its position
    ("2 of 5") and grouping: screen readers cannot present the structure (WCAG 1.3.1).

    ## Fails
        <div role="option">Apple</div>
        <ul role="menu"><li><a role="tab" href="#a">A</a></li></ul>

    ## Passes
        <div role="listbox"><div role="option">Apple</div></div>
        <div role="tablist"><div><button role="tab">A</button></div></div>

    ## Limitations
    Browsers build slightly different accessibility trees; this rule follows the ACT
    "owned by" relation.
    """

    meta = RuleMeta(
        id="aria-required-parent",
        name="Elements are owned by their required context role",
        wcag=("1.3.1",),
        act_rules=("ff89c9",),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML/SVG elements whose explicit role has required context roles."""
        for element in page.elements:
            if (
                "role" in element.attrs
                and is_html_or_svg(element)
                and _context_roles(page, element)
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The accessibility parent has one of the required context roles."""
        context = _context_roles(page, target)
        parent = accessibility_parent(page, target)
        parent_role = role_of(page, parent) if parent is not None else None
        reason = f"needs {listing(context)}; owned by {parent_role or 'no role'}"
        return Verdict(IN_CONTEXT if parent_role in context else OUT_OF_CONTEXT, reason)
