"""html-lang-valid: the page language is a known language tag."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import has_known_primary_language
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules.document._shared import (
    ASCII_WHITESPACE,
    has_root_html,
    page_language_attribute,
)

VALID_LANG = Diagnostic.passed("The page language is a known language")
INVALID_LANG = Diagnostic.failed(
    "The lang attribute of the <html> element must start with a known language subtag",
    fix_hint='Use an ISO 639 code from the IANA registry, e.g. lang="en", "fr" or "pt-BR".',
)


class HtmlLangValid(Rule):
    """The html element's lang attribute must have a valid value.

    ## What it checks
    When the root `<html>` element has a non-empty `lang` attribute, its primary language
    subtag (the part before the first hyphen) is a language registered in the IANA language
    subtag registry. Like browsers, the rest of the tag is not judged (`en-hello` passes);
    grandfathered tags (`i-klingon`) and unregistered three-letter codes (`eng`) fail.

    ## Why it matters
    An unknown language tag is as good as none: screen readers fall back to a default voice
    and mispronounce the page (WCAG 3.1.1 Language of Page).

    ## Fails
        <html lang="em-US">
        <html lang="english">

    ## Passes
        <html lang="FR">
        <html lang="en-GB">

    ## Limitations
    Whether the declared language is the language the page is written in is not checked.
    """

    meta = RuleMeta(
        id="html-lang-valid",
        name="Page languages are valid",
        wcag=("3.1.1",),
        act_rules=("bf051a",),
        impact=Impact.SERIOUS,
        tags=("cat.document", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root ``html`` element when its lang attribute has content."""
        if not (is_html_document(page) and has_root_html(page)):
            return
        value = page_language_attribute(page)
        if value is not None and value.strip(ASCII_WHITESPACE):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The primary language subtag is registered."""
        value = (page_language_attribute(page) or "").strip()
        reason = f'lang="{value[:80]}"'
        if has_known_primary_language(value):
            return Verdict(VALID_LANG, reason)
        return Verdict(INVALID_LANG, reason)
