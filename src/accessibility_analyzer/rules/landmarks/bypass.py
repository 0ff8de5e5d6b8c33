"""bypass: the page has a way to skip blocks of content repeated on other pages."""

from __future__ import annotations

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import MAIN_CONTENT_FIRST
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, RuleMeta, Verdict
from accessibility_analyzer.rules._common import exposed_elements_with_role
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.landmarks._repeated import may_collapse_blocks, page_layout
from accessibility_analyzer.rules.landmarks._shared import PageLevelRule, landmarks_with_role

BYPASS = Diagnostic.passed("The page has a way to bypass repeated blocks")
NO_BYPASS = Diagnostic.failed(
    "A page must have a way to skip blocks of content repeated on other pages",
    fix_hint=(
        'Put the main content in <main>, add a "Skip to content" link to it, or start the main '
        "content with a heading."
    ),
)

_HEADING = frozenset({"heading"})


def _skip_link(page: Page) -> Element | None:
    """The first exposed link to an existing element of the same page (not ``#`` alone)."""
    for link in page.by_tag("a"):
        href = (link.attrs.get("href") or "").strip()
        if (
            link.is_html
            and len(href) > 1
            and href.startswith("#")
            and page.get_element_by_id(href[1:]) is not None
            and is_included_in_accessibility_tree(page, link)
        ):
            return link
    return None


class Bypass(PageLevelRule):
    """A page must have a way to bypass blocks of repeated content.

    ## What it checks
    The HTML page (its `<html>` element is the target) has at least one of: a `main`
    landmark, a link to an element of the same page (a skip link), or a heading in the
    accessibility tree. Without any, the page fails when it begins with a link or button or
    with a navigation, banner, complementary or contentinfo landmark, and nothing may
    collapse it (no script, event handler, button, `<details>`, checkbox or `aria-expanded`
    control). Otherwise whether the page begins with repeated content is a question for the
    oracle (`main-content-first`): without an answer, `cantTell`.

    ## Why it matters
    Keyboard and screen-reader users otherwise go through the same navigation on every page
    before reaching what they came for (WCAG 2.4.1 Bypass Blocks).

    ## Fails
        <body><a href="/ch2">Chapter 2</a><aside>About the book</aside><div>Text</div></body>

    ## Passes
        <body><nav>…</nav><main>Text</main></body>
        <body><a href="#content">Skip to content</a><nav>…</nav><div id="content">…</div></body>

    ## Limitations
    A heading anywhere counts (as in axe-core); `bypass-heading` (ACT 047fe0) checks that one
    follows the repeated blocks. Whether a skip link works (its target focusable, visible on
    focus) is not checked. Which blocks repeat across pages is not known from one page.
    """

    meta = RuleMeta(
        id="bypass",
        name="The page has a way to bypass repeated blocks",
        wcag=("2.4.1",),
        act_rules=("cf77f2",),
        impact=Impact.SERIOUS,
        tags=("cat.keyboard", "wcag2a", "act"),
    )

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A main landmark, a skip link or a heading; else the opening content decides."""
        mains = landmarks_with_role(page, "main")
        if mains:
            return Verdict(BYPASS, f"main landmark {describe(mains[0])}")
        link = _skip_link(page)
        if link is not None:
            return Verdict(BYPASS, f"skip link {describe(link)}")
        heading = next(exposed_elements_with_role(page, _HEADING), None)
        if heading is not None:
            return Verdict(BYPASS, f"heading {describe(heading)}")
        first = page_layout(page).opening
        if first is not None and not may_collapse_blocks(page):
            reason = f"no main, skip link or heading; the page opens with {describe(first)}"
            return Verdict(NO_BYPASS, reason)
        return self.ask(oracle, MAIN_CONTENT_FIRST, page, target, yes=BYPASS, no=NO_BYPASS)
