"""heading-order: heading levels go down one step at a time."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import exposed_elements_with_role
from accessibility_analyzer.rules.structure._headings import heading_level

_HEADING = frozenset({"heading"})

IN_ORDER = Diagnostic.passed("The heading level follows the previous heading")
SKIPPED = Diagnostic.failed(
    "Heading levels should only increase by one",
    fix_hint=(
        "Use the next level down (an h2 section holds h3 headings, not h4); style the size "
        "with CSS instead of picking a level for its looks."
    ),
)


def _previous_levels(page: Page) -> dict[int, int | None]:
    """Heading order -> the level of the heading before it (``None`` for the first)."""
    table = page.memo_table("rules.heading_order")
    found: dict[int, int | None] | None = table.get(page.root.order)
    if found is None:
        found = {}
        previous: int | None = None
        for heading in exposed_elements_with_role(page, _HEADING):
            found[heading.order] = previous
            previous = heading_level(heading)
        table[page.root.order] = found
    return found


class HeadingOrder(Rule):
    """Heading levels should only increase by one.

    ## What it checks
    Every heading in the accessibility tree (`<h1>`–`<h6>`, `role="heading"`) has a level at
    most one deeper than the heading before it in document order. Going back up any number
    of levels is fine; the first heading may have any level. The level is `aria-level` when
    set, else the tag's rank, else 2.

    ## Why it matters
    Screen-reader users skim the heading outline to understand a page; a jump from `h2` to
    `h4` suggests a missing section and makes the structure harder to follow.

    ## Fails
        <h1>Shop</h1><h3>Lamps</h3>
        <h2>News</h2><div role="heading" aria-level="5">Today</div>

    ## Passes
        <h1>Shop</h1><h2>Lamps</h2><h3>Desk lamps</h3><h2>Chairs</h2>
        <h3>Sidebar</h3>

    ## Limitations
    Headings inside `iframe`s and shadow DOM are not part of the outline checked here.
    """

    meta = RuleMeta(
        id="heading-order",
        name="Heading levels increase by one",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.structure", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Headings in the accessibility tree."""
        yield from exposed_elements_with_role(page, _HEADING)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The level is at most one more than the previous heading's."""
        level = heading_level(target)
        previous = _previous_levels(page).get(target.order)
        if previous is None:
            return Verdict(IN_ORDER, f"first heading, level {level}")
        reason = f"level {level} after level {previous}"
        return Verdict(IN_ORDER if level <= previous + 1 else SKIPPED, reason)
