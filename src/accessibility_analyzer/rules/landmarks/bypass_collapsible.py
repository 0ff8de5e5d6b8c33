"""bypass-collapsible: each repeated block before the page's own content can be collapsed."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import REPEATED_BLOCKS_COLLAPSIBLE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe, listing
from accessibility_analyzer.rules.landmarks._repeated import (
    NOTHING_REPEATS,
    may_collapse_blocks,
    page_layout,
    repeated_blocks,
)
from accessibility_analyzer.rules.landmarks._shared import PageLevelRule

COLLAPSIBLE = Diagnostic.passed(
    "The repeated blocks before the page's own content can be collapsed"
)
NOT_COLLAPSIBLE = Diagnostic.failed(
    "Each block repeated on other pages that comes before the page's own content must be "
    "collapsible",
    fix_hint=(
        "Put the navigation in a <details> element, or add a button with aria-expanded and "
        "aria-controls that hides it (display: none)."
    ),
)


def _controlled_ids(page: Page) -> frozenset[str]:
    """Ids that a disclosure control (``aria-expanded`` with ``aria-controls``) shows and hides."""
    return frozenset(
        token
        for element in page.elements
        if element.has("aria-expanded")
        for token in (element.get("aria-controls") or "").split()
    )


def _is_disclosed(element: Element, controlled: frozenset[str]) -> bool:
    """Whether ``element`` is inside a ``<details>`` body or a disclosure's controlled element."""
    child: Element | None = None
    for node in (element, *element.ancestors()):
        if node.get("id") in controlled:
            return True
        if node.tag == "details" and child is not None and child.tag != "summary":
            return True
        child = node
    return False


class BypassCollapsible(PageLevelRule):
    """Each block repeated on other pages that comes before the page's own content collapses.

    ## What it checks
    Once per HTML page (the target is `<html>`): every repeated block before the page's own
    content can be hidden and removed from the accessibility tree (ACT 3e12e1, technique
    SCR28). A page with no link to another page of its site passes: no block can repeat
    there. When the page opens with a link or button or with a navigation, banner,
    complementary or contentinfo landmark (read as repeated blocks), those before its own
    content are the blocks: each inside a `<details>` body or controlled by an
    `aria-expanded` element's `aria-controls` passes; nothing that could collapse them (no
    script, event handler, button, `<details>`, checkbox or `aria-expanded` control) fails.
    Otherwise the question `repeated-blocks-collapsible` decides; without an answer,
    `cantTell`.

    ## Why it matters
    Collapsing the navigation repeated on every page lets keyboard and screen-reader users
    reach the page's content without going through it (WCAG 2.4.1 Bypass Blocks).

    ## Fails
        <nav><a href="/ch2">Chapter 2</a></nav><div><p>Text</p></div>

    ## Passes
        <details><summary>Chapters</summary><nav><a href="/ch2">Chapter 2</a></nav></details>
        <div><p>Text</p></div>

    ## Limitations
    What repeats is known only from the site's other pages: the markup reading above is an
    assumption. Scripts are not run, so what a scripted toggle hides (from view, from screen
    readers, or both) is asked. A technique-level check, not a WCAG failure on its own:
    landmarks, headings or a skip link may bypass the blocks instead. Off by default (tag
    `experimental`): few sites collapse their navigation, so it would flag nearly every
    page (on the 136 corpus pages: 81 failed, 55 asked).
    """

    meta = RuleMeta(
        id="bypass-collapsible",
        name="Repeated blocks before the page's own content can be collapsed",
        wcag=(),
        act_rules=("3e12e1",),
        impact=Impact.MINOR,
        tags=("cat.keyboard", "best-practice", "act", "experimental"),
    )

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Disclosed blocks pass; blocks with nothing that could collapse them fail."""
        layout = page_layout(page)
        if not layout.leads_elsewhere:
            return Verdict(COLLAPSIBLE, NOTHING_REPEATS)
        if layout.opening is not None and layout.own_start is None:
            return Verdict(COLLAPSIBLE, f"nothing follows the repeated {describe(layout.opening)}")
        blocks = repeated_blocks(page, layout)
        if blocks:
            controlled = _controlled_ids(page)
            if all(_is_disclosed(block, controlled) for block in blocks):
                return Verdict(COLLAPSIBLE, f"disclosed: {listing(map(describe, blocks))}")
            if not may_collapse_blocks(page):
                reason = (
                    f"nothing on the page could collapse {listing(map(describe, blocks))} (no "
                    "script, handler, button, <details>, checkbox or aria-expanded control)"
                )
                return Verdict(NOT_COLLAPSIBLE, reason)
        return self.ask(
            oracle,
            REPEATED_BLOCKS_COLLAPSIBLE,
            page,
            target,
            yes=COLLAPSIBLE,
            no=NOT_COLLAPSIBLE,
        )
