"""bypass-heading: the page's own content, after its repeated blocks, has a heading."""

from __future__ import annotations

from accessibility_analyzer.engine.aria import is_visible
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import OWN_CONTENT_HAS_HEADING
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, RuleMeta, Verdict
from accessibility_analyzer.rules._common import exposed_elements_with_role
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.landmarks._repeated import (
    NOTHING_REPEATS,
    is_own_content,
    page_layout,
    subtree_end,
)
from accessibility_analyzer.rules.landmarks._shared import PageLevelRule

HAS_HEADING = Diagnostic.passed("The page's own content has a heading")
NO_HEADING = Diagnostic.failed(
    "The page's own content, after the blocks repeated on other pages, must have a heading",
    fix_hint="Start the main content with a heading (<h1>) that screen readers can jump to.",
)

_HEADING = frozenset({"heading"})


def _in_own_content(page: Page, heading: Element) -> bool | None:
    """Whether the heading is own content; a heading holding its start counts (an image)."""
    layout = page_layout(page)
    own = layout.own_start
    if own is not None and heading.order < own.order <= subtree_end(page, heading):
        return True
    return is_own_content(page, layout, heading)


class BypassHeading(PageLevelRule):
    """The page's own content, after the blocks repeated on other pages, has a heading.

    ## What it checks
    Once per HTML page (the target is `<html>`): some heading in the accessibility tree and
    visible is part of the page's own content, after its repeated blocks (ACT 047fe0,
    technique H69). A page with no link to another page of its site passes: no block can
    repeat there. A heading in the `main` landmark passes. When the page opens with a link
    or button or with a navigation, banner, complementary or contentinfo landmark (read as
    repeated blocks), the content after those is the page's own: a heading there passes,
    none at all fails. Otherwise the question `own-content-has-heading` decides; without an
    answer, `cantTell`.

    ## Why it matters
    Screen-reader users jump from heading to heading; a heading at the start of the page's
    content lets them skip the navigation repeated on every page (WCAG 2.4.1 Bypass Blocks).

    ## Fails
        <nav><a href="/ch2">Chapter 2</a></nav>
        <div><strong>Chapter 1</strong><p>Text</p></div>

    ## Passes
        <nav><a href="/ch2">Chapter 2</a></nav><div><h1>Chapter 1</h1><p>Text</p></div>

    ## Limitations
    What repeats is known only from the site's other pages: the markup reading above is an
    assumption (a footer without a `contentinfo` role after the navigation would be taken
    for the page's own content). A heading's visibility needs layout where CSS cannot tell
    (cantTell). A technique, not a WCAG failure: other ways to bypass blocks may exist.
    """

    meta = RuleMeta(
        id="bypass-heading",
        name="The page's own content has a heading after the repeated blocks",
        wcag=(),
        act_rules=("047fe0",),
        impact=Impact.MODERATE,
        tags=("cat.keyboard", "best-practice", "act"),
    )

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A visible heading in the own content passes; none after repeated blocks fails."""
        layout = page_layout(page)
        if not layout.leads_elsewhere:
            return Verdict(HAS_HEADING, NOTHING_REPEATS)
        unsure: Element | None = None
        for heading in exposed_elements_with_role(page, _HEADING):
            own = _in_own_content(page, heading)
            visible = is_visible(page, heading)
            if own and visible:
                return Verdict(HAS_HEADING, f"heading {describe(heading)}")
            if own is not False and visible is not False and unsure is None:
                unsure = heading
        if layout.opening is not None and layout.own_start is None:
            return Verdict(HAS_HEADING, f"nothing follows the repeated {describe(layout.opening)}")
        if layout.opening is not None and unsure is None:
            assert layout.own_start is not None
            reason = (
                f"the page opens with {describe(layout.opening)}; its own content, from "
                f"{describe(layout.own_start)} on, has no visible heading in the accessibility tree"
            )
            return Verdict(NO_HEADING, reason)
        return self.ask(
            oracle, OWN_CONTENT_HAS_HEADING, page, target, yes=HAS_HEADING, no=NO_HEADING
        )
