"""valid-lang: ``lang`` attributes on content use a known language tag."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import has_known_primary_language
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.document._language_text import elements_with_language_text

VALID_LANG = Diagnostic.passed("The lang attribute names a known language")
INVALID_LANG = Diagnostic.failed(
    "The lang attribute must start with a known language subtag",
    fix_hint='Use an ISO 639 code from the IANA registry, e.g. lang="en", "nl" or "zh-Hant".',
)


class ValidLang(Rule):
    """Lang attributes on content must have a valid value.

    ## What it checks
    Every HTML element inside `<body>` (including `<body>`) with a non-empty `lang` attribute,
    from which some text inherits its language, has a known primary language subtag (the part
    before the first hyphen is registered in the IANA language subtag registry). Text counts
    when it is rendered or exposed to assistive technology, including accessible names such as
    an image's `alt`. The `<html>` element is checked by `html-lang-valid`.

    ## Why it matters
    Screen readers switch voice and pronunciation at `lang` changes; an unknown tag makes them
    read a passage with the wrong rules (WCAG 3.1.2 Language of Parts).

    ## Fails
        <article lang="dutch">Zij liepen een vreemde Tiki bar binnen.</article>
        <p lang="i-lux">Lëtzebuerg ass e Land an Europa.</p>

    ## Passes
        <article lang="en">They wandered into a strange Tiki bar.</article>
        <p lang="en-US-GB">They wandered into a strange Tiki bar.</p>

    ## Limitations
    `xml:lang` in XHTML is not checked. Decided: an element whose only language attribute is
    `xml:lang` is inapplicable in an HTML document, where `xml:lang` has no effect (HTML
    §3.2.6.2); axe-core fails an invalid one. Text hidden with `display: none` does not make an
    element applicable; text hidden only by layout tricks still does.
    """

    meta = RuleMeta(
        id="valid-lang",
        name="Language changes use valid language tags",
        wcag=("3.1.2",),
        act_rules=("de46e4",),
        impact=Impact.SERIOUS,
        tags=("cat.document", "wcag2aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements in body with a non-empty lang and some text inheriting it."""
        yield from elements_with_language_text(page)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The primary language subtag is registered."""
        value = target.attrs.get("lang") or ""
        reason = f'lang="{value.strip()[:80]}"'
        if has_known_primary_language(value):
            return Verdict(VALID_LANG, reason)
        return Verdict(INVALID_LANG, reason)
