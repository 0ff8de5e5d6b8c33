"""presentational-children-focusable: elements with presentational children hold no
tabbable content."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ROLES
from accessibility_analyzer.rules.aria._shared import describe, is_html_or_svg, tabbable_descendants

NO_FOCUSABLE_CHILDREN = Diagnostic.passed("No descendant is reachable with Tab")
FOCUSABLE_CHILDREN = Diagnostic.failed(
    "Elements whose children are presentational must not contain content in the tab order",
    fix_hint=(
        "Move the link or control out of the button, tab, checkbox... (make them siblings), "
        'or take it out of the tab order with tabindex="-1".'
    ),
)


def has_presentational_children(page: Page, element: Element) -> bool:
    """Whether the element's semantic role makes its children presentational."""
    role = role_of(page, element)
    spec = ROLES.get(role) if role is not None else None
    return spec is not None and spec.children_presentational


class PresentationalChildrenFocusable(Rule):
    """Elements with presentational children must not contain focusable content.

    ## What it checks
    Every HTML or SVG element whose semantic role makes its children presentational
    (`button`, `checkbox`, `img`, `tab`, `option`, `slider`, `switch`, `progressbar`...) has
    no descendant that is part of sequential focus navigation.

    ## Why it matters
    Browsers flatten the children of such roles to plain text: a link inside a button is
    still reached with Tab but has no role or name for screen readers (WCAG 4.1.2, 1.3.1).

    ## Fails
        <button>Buy <a href="/terms">terms</a></button>
        <div role="tab" tabindex="0">Inbox <button>Close</button></div>

    ## Passes
        <button>Buy now</button>
        <div role="tab" tabindex="0">Inbox <span tabindex="-1">(3)</span></div>

    ## Limitations
    Shadow DOM content and focus managed by scripts are not seen.
    """

    meta = RuleMeta(
        id="presentational-children-focusable",
        name="Elements with presentational children contain no focusable content",
        wcag=("4.1.2",),
        act_rules=("307n5z",),
        impact=Impact.SERIOUS,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML/SVG elements whose semantic role has presentational children."""
        for element in page.elements:
            if is_html_or_svg(element) and has_presentational_children(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No descendant is in sequential focus navigation."""
        reachable = tabbable_descendants(page).get(target.order)
        if reachable is None:
            return Verdict(NO_FOCUSABLE_CHILDREN)
        return Verdict(FOCUSABLE_CHILDREN, f"reachable with Tab: {describe(reachable)}")
