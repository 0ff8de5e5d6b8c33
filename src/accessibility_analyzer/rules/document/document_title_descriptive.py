"""document-title-descriptive: the page title describes its topic (asks an oracle)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import TITLE_IS_DESCRIPTIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules.document._shared import (
    first_html_title,
    is_only_whitespace,
    title_text,
)

# WCAG failure technique F25: titles that identify nothing, as authoring tools leave them.
_DEFAULT_TITLES = frozenset(
    {
        "document",
        "insert title here",
        "new document",
        "new page",
        "no title",
        "page title",
        "title",
        "untitled",
        "untitled document",
        "untitled page",
    }
)
_NUMBERED_DEFAULT = re.compile(r"^(?:new page|untitled|document)\s*\d+$")
_FILE_NAME = re.compile(r"^[^\s/]+\.(?:html?|xhtml|php|aspx?|jsp)$")

DESCRIPTIVE = Diagnostic.passed("The page title describes the page")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "The page title must describe the topic or purpose of the page",
    fix_hint="Rewrite the <title> so it names what this page is about, then the site name.",
)


DEFAULT_TITLE = Diagnostic.failed(
    "The page title must not be an editor's default or a file name",
    fix_hint="Replace it with what this page is about, then the site name.",
)


def is_default_title(title: str) -> bool:
    """Whether the title is a placeholder ("Untitled Document", "New Page 1", "index.html")."""
    folded = " ".join(title.casefold().split())
    return (
        folded in _DEFAULT_TITLES
        or _NUMBERED_DEFAULT.match(folded) is not None
        or _FILE_NAME.match(folded) is not None
    )


class DocumentTitleDescriptive(Rule):
    """The page title must describe the page's topic or purpose.

    ## What it checks
    For an HTML page whose first `<title>` has text: an editor's default ("Untitled
    Document", "New Page 1") or a file name fails at once (WCAG failure F25). Otherwise asks
    the question `title-is-descriptive`: does the title describe the topic or purpose of the
    content? An answer decides; without one the outcome is `cantTell`.

    ## Why it matters
    Generic or wrong titles ("Untitled", "Home", the name of another page) make tabs, history
    and search results useless for finding this page (WCAG 2.4.2 Page Titled).

    ## Fails
        <title>Apple harvesting season</title> … a page about clementines

    ## Passes
        <title>Clementine harvesting season</title> … a page about clementines

    ## Limitations
    Needs judgement: a person or the LLM oracle answers.
    """

    meta = RuleMeta(
        id="document-title-descriptive",
        name="Page titles describe the page",
        wcag=("2.4.2",),
        act_rules=("c4a8a4",),
        impact=Impact.MODERATE,
        tags=("cat.document", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first HTML ``title`` element, when it has text."""
        if not is_html_document(page):
            return
        title = first_html_title(page)
        if title is not None and not is_only_whitespace(title_text(title)):
            yield title

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Default titles fail; otherwise the oracle judges whether the title describes."""
        text = title_text(target).strip()
        if is_default_title(text):
            return Verdict(DEFAULT_TITLE, f'title "{text[:80]}"')
        return self.ask(
            oracle, TITLE_IS_DESCRIPTIVE, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
