"""html-lang-matches-content: the page language is the language of its text (oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import has_known_primary_language
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.questions import PAGE_LANGUAGE_MATCHES
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.html import NON_CONTENT_TAGS
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules.document._shared import (
    has_root_html,
    is_only_whitespace,
    page_language_attribute,
)

MATCHES = Diagnostic.passed("The page language is the language of its content")
MISMATCH = Diagnostic.failed(
    "The lang attribute of the <html> element must name the language the page is written in",
    fix_hint='Set <html lang="…"> to the language of the main content (e.g. "de" for German).',
)


def _has_text(page: Page) -> bool:
    """Whether any element other than script/style holds non-whitespace text."""
    for element in page.elements:
        if element.tag in NON_CONTENT_TAGS:
            continue
        for child in element.children:
            if isinstance(child, Text) and not is_only_whitespace(child.data):
                return True
    return False


class HtmlLangMatchesContent(Rule):
    """The page's declared language must be the language of its content.

    ## What it checks
    For an HTML page whose `<html lang>` has a known primary language subtag and which has
    some text, asks the question `page-language-matches`: is that the language most of the
    text is written in? An answer decides; without one the outcome is `cantTell`.

    ## Why it matters
    A French page declared as English is read aloud with English pronunciation rules, which
    is as bad as no declaration (WCAG 3.1.1 Language of Page).

    ## Fails
        <html lang="en"> … <p>Les clémentines seront prêtes en octobre.</p>

    ## Passes
        <html lang="fr"> … <p>Les clémentines seront prêtes en octobre.</p>

    ## Limitations
    Needs language identification: a person or the LLM oracle answers. Iframe content is not
    part of the page's text.
    """

    meta = RuleMeta(
        id="html-lang-matches-content",
        name="Page languages match the content",
        wcag=("3.1.1",),
        act_rules=("ucwvc8",),
        impact=Impact.SERIOUS,
        tags=("cat.document", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root element with a known language, when the page has text."""
        if not (is_html_document(page) and has_root_html(page)):
            return
        value = page_language_attribute(page)
        if value is None or not has_known_primary_language(value):
            return
        if _has_text(page):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges whether the declared language is the page's language."""
        return self.ask(oracle, PAGE_LANGUAGE_MATCHES, page, target, yes=MATCHES, no=MISMATCH)
