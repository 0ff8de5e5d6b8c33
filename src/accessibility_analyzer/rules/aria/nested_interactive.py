"""nested-interactive: links and text fields hold no other control reached with Tab."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.aria._shared import describe, is_html_or_svg, tabbable_descendants

# Single-control roles whose children are not presentational (those are covered by
# presentational-children-focusable). Containers that may legitimately hold controls
# (gridcell, treeitem, the ARIA 1.0 combobox wrapper) are left out.
_CONTROL_ROLES = frozenset(
    {
        "link",
        "menuitem",
        "searchbox",
        "spinbutton",
        "textbox",
        "doc-backlink",
        "doc-biblioref",
        "doc-glossref",
        "doc-noteref",
    }
)

# Elements whose implicit role can be one of the above; any other needs a role attribute.
_IMPLICIT_CONTROL_TAGS = frozenset({"a", "area", "input", "textarea"})

NOT_NESTED = Diagnostic.passed("The control contains no other control reached with Tab")
NESTED = Diagnostic.failed(
    "Interactive controls should not contain other controls reached with Tab",
    fix_hint="Place the inner control next to the outer one instead of inside it.",
)


class NestedInteractive(Rule):
    """Interactive controls should not be nested.

    ## What it checks
    Every HTML or SVG element in the accessibility tree whose role is a link, menu item,
    text box, search box, spin button or DPUB reference has no descendant that is part of
    sequential focus navigation. Roles with presentational children (buttons, tabs,
    checkboxes...) are checked by `presentational-children-focusable`.

    ## Why it matters
    A button inside a link gets two Tab stops with one action; screen readers announce the
    inner control inside the outer one's name, and activating it may trigger both (WCAG
    4.1.2, 2.1.1).

    ## Fails
        <a href="/product">Lamp <button>Add to cart</button></a>
        <div role="textbox" contenteditable="true"><a href="/help">help</a></div>

    ## Passes
        <a href="/product">Lamp</a> <button>Add to cart</button>
        <a href="/product">Lamp <span tabindex="-1">(new)</span></a>

    ## Limitations
    Click handlers without focusability are not seen; grid cells and tree items, which may
    contain controls by design, are not checked. Roles with presentational children (`radio`,
    `button`, `tab`...) are inapplicable here: a `tabindex="-1"` button inside `role="radio"`
    is no nesting (ACT 307n5z passes it in `presentational-children-focusable`; axe-core
    fails it).
    """

    meta = RuleMeta(
        id="nested-interactive",
        name="Interactive controls are not nested",
        wcag=("4.1.2",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.aria", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML/SVG elements with a single-control role that may have children."""
        for element in page.elements:
            if (
                element.children
                and ("role" in element.attrs or element.tag in _IMPLICIT_CONTROL_TAGS)
                and is_html_or_svg(element)
                and role_of(page, element) in _CONTROL_ROLES
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No descendant is in sequential focus navigation."""
        inner = tabbable_descendants(page).get(target.order)
        if inner is None:
            return Verdict(NOT_NESTED)
        return Verdict(NESTED, f"contains {describe(inner)}")
