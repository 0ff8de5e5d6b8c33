"""bypass-skip-link: a link or control moves focus to the page's own content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_hidden
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import SKIP_TO_OWN_CONTENT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules._scripts import page_scripts
from accessibility_analyzer.rules.landmarks._repeated import (
    NOTHING_REPEATS,
    content_at,
    is_own_content,
    page_layout,
)
from accessibility_analyzer.rules.landmarks._shared import PageLevelRule

SKIPS = Diagnostic.passed("A link moves focus to the page's own content")
NO_SKIP = Diagnostic.failed(
    "A link or control must move focus past the repeated blocks to the page's own content",
    fix_hint='Add a "Skip to content" link at the top of the page to an id on the main content.',
)

# Scripted jumps in a handler: location = '#x', location.assign('#x'), getElementById('x').focus().
_SCRIPTED_JUMP = re.compile(
    r"""location(?:\.href|\.hash)?\s*=\s*['"]#(?P<hash>[^'"]+)['"]"""
    r"""|location\.(?:assign|replace)\(\s*['"]#(?P<call>[^'"]+)['"]"""
    r"""|getElementById\(\s*['"](?P<focus>[^'"]+)['"]\s*\)\s*\.focus\("""
)


def _destinations(page: Page) -> Iterator[tuple[Element, Element]]:
    """(instrument, destination) for same-page links and scripted jumps, in document order."""
    for tag in ("a", "area"):
        for link in page.by_tag(tag):
            href = (link.get("href") or "").strip()
            if href.startswith("#") and len(href) > 1 and not is_hidden(page, link):
                destination = page.get_element_by_id(href[1:])
                if destination is not None:
                    yield link, destination
    for handler in page_scripts(page).handlers:
        for match in _SCRIPTED_JUMP.finditer(handler.code):
            target_id = match.group("hash") or match.group("call") or match.group("focus")
            destination = page.get_element_by_id(target_id)
            if destination is not None and not is_hidden(page, handler.element):
                yield handler.element, destination


class BypassSkipLink(PageLevelRule):
    """A link or control moves keyboard focus past the repeated blocks to the page's own content.

    ## What it checks
    Once per HTML page (the target is `<html>`): a same-page link (`href="#id"`), or a
    handler that sets `location` to `#id` or focuses an element by id, leads to the page's
    own content (ACT ye5d6e; techniques G1, G123, G124). Where focus lands is the first
    content at or after the destination. A page with no link to another page of its site
    passes: no block can repeat there. Focus landing in the `main` landmark passes. When the
    page opens with a link or button or with a navigation, banner, complementary or
    contentinfo landmark (read as repeated blocks), focus landing after those, outside such
    landmarks, passes; the page fails when no link gets there and it has no script that
    could add one. Otherwise the question `skip-to-own-content` decides; without an answer,
    `cantTell`.

    ## Why it matters
    Keyboard users otherwise tab through the same navigation on every page before reaching
    what they came for (WCAG 2.4.1 Bypass Blocks).

    ## Fails
        <a href="#about">Skip</a><a href="/ch2">Chapter 2</a>
        <aside><p id="about">About the book</p></aside><div><p>Text</p></div>

    ## Passes
        <a href="#main">Skip to content</a><a href="/ch2">Chapter 2</a>
        <aside>About the book</aside><div id="main"><p>Text</p></div>

    ## Limitations
    What repeats is known only from the site's other pages: the markup reading above is an
    assumption. Scripts are not run: jumps other than the handler forms above are not seen.
    Whether the link is visible on focus is not checked. A technique-level check, not a WCAG
    failure on its own: landmarks or headings may bypass the blocks instead.
    """

    meta = RuleMeta(
        id="bypass-skip-link",
        name="A link moves focus to the page's own content",
        wcag=(),
        act_rules=("ye5d6e",),
        impact=Impact.MODERATE,
        tags=("cat.keyboard", "best-practice", "act"),
    )

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A link landing in the own content passes; none, after repeated blocks, fails."""
        layout = page_layout(page)
        if not layout.leads_elsewhere:
            return Verdict(SKIPS, NOTHING_REPEATS)
        unsure = False
        for instrument, destination in _destinations(page):
            landing = content_at(page, destination)
            own = None if landing is None else is_own_content(page, layout, landing)
            if own:
                assert landing is not None
                reason = f"{describe(instrument)} leads to {describe(landing)}"
                return Verdict(SKIPS, reason)
            unsure = unsure or own is None
        if layout.opening is not None and layout.own_start is None:
            return Verdict(SKIPS, f"nothing follows the repeated {describe(layout.opening)}")
        if layout.opening is not None and not unsure and not page_scripts(page).any:
            assert layout.own_start is not None
            reason = (
                f"the page opens with {describe(layout.opening)}; no link leads to its own "
                f"content, from {describe(layout.own_start)} on"
            )
            return Verdict(NO_SKIP, reason)
        return self.ask(oracle, SKIP_TO_OWN_CONTENT, page, target, yes=SKIPS, no=NO_SKIP)
