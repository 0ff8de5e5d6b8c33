"""tabindex: no element has a positive ``tabindex``."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import tabindex_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

NOT_POSITIVE = Diagnostic.passed("The tabindex keeps the document's focus order")
POSITIVE = Diagnostic.failed(
    "Elements should not have a tabindex greater than zero",
    fix_hint=(
        'Use tabindex="0" (or none on native controls) and put the elements in the source '
        "in the order they should be reached."
    ),
)


class Tabindex(Rule):
    """Elements should not have a tabindex greater than zero.

    ## What it checks
    Every element with a valid `tabindex` (an integer by the HTML parsing rules) has a value
    of 0 or less.

    ## Why it matters
    A positive `tabindex` moves the element ahead of everything else in the Tab order: the
    focus jumps around the page in an order that no longer follows its reading order, which
    disorients keyboard and screen-reader users (see WCAG 2.4.3 Focus Order).

    ## Fails
        <input tabindex="1">
        <a href="/help" tabindex="5">Help</a>

    ## Passes
        <div role="button" tabindex="0">Save</div>
        <div tabindex="-1">Dialog content</div>

    ## Limitations
    A positive tabindex is not always a focus-order failure (the order may happen to match
    the reading order), hence a best practice.
    """

    meta = RuleMeta(
        id="tabindex",
        name="No element has a tabindex greater than zero",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements with a valid tabindex value."""
        for element in page.elements:
            if "tabindex" in element.attrs and tabindex_of(element) is not None:
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The tabindex is not above zero."""
        value = tabindex_of(target) or 0
        return Verdict(NOT_POSITIVE if value <= 0 else POSITIVE, f"tabindex={value}")
