"""html-xml-lang-mismatch: ``lang`` and ``xml:lang`` on ``<html>`` name the same language."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import has_known_primary_language, languages_match
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules.document._shared import has_root_html

SAME_LANGUAGE = Diagnostic.passed("lang and xml:lang name the same language")
MISMATCH = Diagnostic.failed(
    "The lang and xml:lang attributes of the <html> element must name the same language",
    fix_hint="Make both attributes the same value (or remove xml:lang, which HTML ignores).",
)


class HtmlXmlLangMismatch(Rule):
    """The html element's lang and xml:lang must name the same language.

    ## What it checks
    When the root `<html>` element has both `lang` and `xml:lang` with known primary language
    subtags, the primary languages are the same (`en` and `en-US` match; `en` and `fr` do not).

    ## Why it matters
    HTML user agents read `lang`, XML ones `xml:lang`: when they disagree, some assistive
    technologies read the page in the wrong language (WCAG 3.1.1 Language of Page).

    ## Fails
        <html lang="en" xml:lang="fr">

    ## Passes
        <html lang="en" xml:lang="en-GB">

    ## Limitations
    Only primary language subtags are compared; region or script differences are accepted.
    """

    meta = RuleMeta(
        id="html-xml-lang-mismatch",
        name="Page lang and xml:lang agree",
        wcag=("3.1.1",),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.document", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root ``html`` element with known ``lang`` and ``xml:lang`` values."""
        if not (is_html_document(page) and has_root_html(page)):
            return
        lang = page.root.attrs.get("lang")
        xml_lang = page.root.attrs.get("xml:lang")
        if (
            lang is not None
            and xml_lang is not None
            and has_known_primary_language(lang)
            and has_known_primary_language(xml_lang)
        ):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The two attributes share the primary language subtag."""
        lang = (target.attrs.get("lang") or "").strip()
        xml_lang = (target.attrs.get("xml:lang") or "").strip()
        reason = f'lang="{lang[:40]}", xml:lang="{xml_lang[:40]}"'
        return Verdict(SAME_LANGUAGE if languages_match(lang, xml_lang) else MISMATCH, reason)
