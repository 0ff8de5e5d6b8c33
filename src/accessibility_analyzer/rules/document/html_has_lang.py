"""html-has-lang: the ``<html>`` element declares the page language."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules.document._shared import (
    ASCII_WHITESPACE,
    has_root_html,
    page_language_attribute,
)

HAS_LANG = Diagnostic.passed("The <html> element has a lang attribute")
NO_LANG = Diagnostic.failed(
    "The <html> element must have a lang attribute",
    fix_hint='Add the page\'s language to the root element: <html lang="en">.',
)
EMPTY_LANG = Diagnostic.failed(
    "The lang attribute of the <html> element must not be empty",
    fix_hint='Set it to the page\'s language: <html lang="en">.',
)


class HtmlHasLang(Rule):
    """The html element must have a lang attribute.

    ## What it checks
    The root `<html>` element of an HTML page has a `lang` attribute whose value is not empty
    or only whitespace (XHTML pages may use `xml:lang`).

    ## Why it matters
    Screen readers pick the voice and pronunciation rules from the page language; without it
    they read the page with the user's default language, which can make it unintelligible
    (WCAG 3.1.1 Language of Page).

    ## Fails
        <html><body>The quick brown fox…</body></html>
        <html lang=" ">

    ## Passes
        <html lang="en">

    ## Limitations
    The language given by an HTTP `Content-Language` header or `<meta http-equiv>` is ignored,
    as most assistive technologies ignore it. Whether the value is a real language is checked by
    `html-lang-valid`.
    """

    meta = RuleMeta(
        id="html-has-lang",
        name="Pages declare their language",
        wcag=("3.1.1",),
        act_rules=("b5c3f8",),
        impact=Impact.SERIOUS,
        tags=("cat.document", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root ``html`` element of an HTML page."""
        if is_html_document(page) and has_root_html(page):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A lang attribute that is neither empty nor whitespace."""
        value = page_language_attribute(page)
        if value is None:
            return Verdict(NO_LANG, "the root element has no lang attribute")
        if not value.strip(ASCII_WHITESPACE):
            return Verdict(EMPTY_LANG, "the lang attribute is empty or only whitespace")
        return Verdict(HAS_LANG, f'lang="{value.strip()}"')
