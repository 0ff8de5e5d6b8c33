"""document-title: the page has a ``<title>`` with text."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules.document._shared import (
    first_html_title,
    has_root_html,
    is_only_whitespace,
    title_text,
)

HAS_TITLE = Diagnostic.passed("The page has a title")
NO_TITLE = Diagnostic.failed(
    "The page must have a <title> element",
    fix_hint="Add a <title> in the <head> naming the page's topic or purpose.",
)
EMPTY_TITLE = Diagnostic.failed(
    "The page's <title> must contain text",
    fix_hint="Write the page's topic or purpose inside its <title>.",
)


class DocumentTitle(Rule):
    """Pages must have a non-empty title.

    ## What it checks
    The HTML page has a `<title>` element, and the first one has text (not only whitespace) in
    its child text nodes. A title outside `<head>` still counts, as browsers use it; an SVG
    `<title>` does not. Embedded documents (iframes) are not pages of their own.

    ## Why it matters
    The title is the first thing a screen reader announces and what tabs, bookmarks, history
    and search results show; without it users cannot tell pages apart (WCAG 2.4.2 Page
    Titled).

    ## Fails
        <html><head></head><body><h1>Welcome</h1></body></html>
        <title> </title>

    ## Passes
        <title>Opening hours – City library</title>

    ## Limitations
    A title set by a script (`document.title = …`) is not seen. Whether the title describes
    the page is checked by `document-title-descriptive`.
    """

    meta = RuleMeta(
        id="document-title",
        name="Pages have a title",
        wcag=("2.4.2",),
        act_rules=("2779a5",),
        impact=Impact.SERIOUS,
        tags=("cat.document", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root ``html`` element of an HTML page."""
        if is_html_document(page) and has_root_html(page):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A title element exists, and the first one has non-whitespace text."""
        title = first_html_title(page)
        if title is None:
            return Verdict(NO_TITLE, "the page has no <title> element")
        if is_only_whitespace(title_text(title)):
            return Verdict(EMPTY_TITLE, "the first <title> element is empty or only whitespace")
        return Verdict(HAS_TITLE)
