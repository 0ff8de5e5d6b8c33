"""aria-hidden-focus: content hidden with ``aria-hidden`` cannot be reached with Tab."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.aria._shared import (
    describe,
    elements_with_aria,
    tabbable_inclusive_descendant,
)

NOT_FOCUSABLE = Diagnostic.passed("Nothing inside the aria-hidden content is reachable with Tab")
FOCUSABLE_INSIDE = Diagnostic.failed(
    'Content with aria-hidden="true" must not contain elements reachable with Tab',
    fix_hint=(
        'Remove aria-hidden, or take the controls out of the tab order (tabindex="-1", '
        "disabled, inert, or display: none)."
    ),
)


def _is_aria_hidden_true(element: Element) -> bool:
    value = element.attrs.get("aria-hidden")
    return value is not None and value.strip().lower() == "true"


class AriaHiddenFocus(Rule):
    """Elements with aria-hidden must not contain content in the tab order.

    ## What it checks
    Every element with `aria-hidden="true"` has no inclusive descendant that is focusable
    and part of sequential focus navigation (reached with Tab). Elements out of the tab
    order (`tabindex="-1"`), disabled, inert or not rendered (`display: none`,
    `visibility: hidden`) pass.

    ## Why it matters
    Keyboard users land on a control that screen readers cannot see: the focus is announced
    as nothing, or as the wrong thing (WCAG 4.1.2 Name, Role, Value; 1.3.1).

    ## Fails
        <div aria-hidden="true"><a href="/">Home</a></div>
        <button aria-hidden="true">Menu</button>

    ## Passes
        <div aria-hidden="true"><a href="/" tabindex="-1">Home</a></div>
        <div aria-hidden="true"><button disabled>Menu</button></div>

    ## Limitations
    Focus moved by scripts, and shadow DOM content, are not seen. Elements hidden only by
    layout (off-screen, zero size) still count as reachable, as they are.
    """

    meta = RuleMeta(
        id="aria-hidden-focus",
        name="ARIA hidden elements contain no content in the tab order",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("6cfa84",),
        impact=Impact.SERIOUS,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements with ``aria-hidden="true"``."""
        for element in elements_with_aria(page):
            if _is_aria_hidden_true(element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No inclusive descendant is in sequential focus navigation."""
        reachable = tabbable_inclusive_descendant(page, target)
        if reachable is None:
            return Verdict(NOT_FOCUSABLE)
        return Verdict(FOCUSABLE_INSIDE, f"reachable with Tab: {describe(reachable)}")
