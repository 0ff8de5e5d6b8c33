"""bypass-landmark: a landmark begins with the page's own content."""

from __future__ import annotations

from accessibility_analyzer.engine.aria import role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import OWN_CONTENT_IN_LANDMARK
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.landmarks._repeated import (
    NOTHING_REPEATS,
    REPEATED_ROLES,
    page_layout,
)
from accessibility_analyzer.rules.landmarks._shared import (
    PageLevelRule,
    landmarks,
    landmarks_with_role,
)

IN_LANDMARK = Diagnostic.passed("A landmark begins with the page's own content")
NOT_IN_LANDMARK = Diagnostic.failed(
    "A landmark must begin with the page's own content, after the blocks repeated on other pages",
    fix_hint="Put the main content in a <main> element (one per page, not hidden).",
)


class BypassLandmark(PageLevelRule):
    """A landmark begins with the page's own content, after the blocks repeated on other pages.

    ## What it checks
    Once per HTML page (the target is `<html>`): a landmark in the accessibility tree begins
    with the page's own content (ACT b40fd1). A page with no link to another page of its
    site passes: no block can repeat there. A `main` landmark passes. When the page opens
    with a link or button or with a navigation, banner, complementary or contentinfo
    landmark (read as repeated blocks), content follows, and the page has no landmark of
    another role, it fails. Otherwise (a `region`, `form` or `search` landmark, or a page
    that does not open so) the question `own-content-in-landmark` decides; without an
    answer, `cantTell`.

    ## Why it matters
    Screen-reader users jump to the main landmark to skip the navigation repeated on every
    page (WCAG 2.4.1 Bypass Blocks); a hidden or missing one leaves them nothing to jump to.

    ## Fails
        <nav><a href="/ch2">Chapter 2</a></nav><main aria-hidden="true"><p>Text</p></main>

    ## Passes
        <nav><a href="/ch2">Chapter 2</a></nav><main><p>Text</p></main>

    ## Limitations
    What repeats is known only from the site's other pages: the markup reading above is an
    assumption, and a `main` landmark is taken to begin with the page's own content. A
    technique-level check (not a WCAG failure on its own): a skip link or headings may
    bypass the blocks instead.
    """

    meta = RuleMeta(
        id="bypass-landmark",
        name="A landmark begins with the page's own content",
        wcag=(),
        act_rules=("b40fd1",),
        impact=Impact.MODERATE,
        tags=("cat.keyboard", "best-practice", "act"),
    )

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A main landmark passes; only repeated-role landmarks after repeated blocks fail."""
        layout = page_layout(page)
        if not layout.leads_elsewhere:
            return Verdict(IN_LANDMARK, NOTHING_REPEATS)
        mains = landmarks_with_role(page, "main")
        if mains:
            return Verdict(IN_LANDMARK, f"main landmark {describe(mains[0])}")
        if layout.opening is not None and layout.own_start is None:
            return Verdict(IN_LANDMARK, f"nothing follows the repeated {describe(layout.opening)}")
        others = [
            element for element in landmarks(page) if role_of(page, element) not in REPEATED_ROLES
        ]
        if layout.opening is not None and not others:
            assert layout.own_start is not None
            reason = (
                f"the page opens with {describe(layout.opening)}; its own content, from "
                f"{describe(layout.own_start)} on, is in no landmark of the accessibility tree"
            )
            return Verdict(NOT_IN_LANDMARK, reason)
        return self.ask(
            oracle, OWN_CONTENT_IN_LANDMARK, page, target, yes=IN_LANDMARK, no=NOT_IN_LANDMARK
        )
