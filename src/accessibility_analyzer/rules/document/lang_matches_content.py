"""lang-matches-content: ``lang`` on a passage names the passage's language (oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import has_known_primary_language
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import LANGUAGE_MATCHES
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.document._language_text import elements_with_language_text

MATCHES = Diagnostic.passed("The lang attribute names the language of the passage")
MISMATCH = Diagnostic.failed(
    "The lang attribute must name the language the passage is written in",
    fix_hint='Set lang to the passage\'s language (e.g. lang="nl" for Dutch text).',
)


class LangMatchesContent(Rule):
    """Language changes must name the language of the passage.

    ## What it checks
    For every element inside `<body>` with a `lang` attribute that has a known primary
    language subtag and from which some exposed text inherits its language, asks the question
    `lang-matches-content`: is that the language of the text? An answer decides; without one
    the outcome is `cantTell`. Whether a `lang` attribute is *missing* on a passage is not
    tested.

    ## Why it matters
    Screen readers switch voice at `lang` changes; a Dutch quote marked as English is read
    with English pronunciation (WCAG 3.1.2 Language of Parts).

    ## Fails
        <blockquote lang="en">Zij liepen een vreemde Tiki bar binnen.</blockquote>

    ## Passes
        <blockquote lang="nl">Zij liepen een vreemde Tiki bar binnen.</blockquote>

    ## Limitations
    Needs language identification: a person or the LLM oracle answers.
    """

    meta = RuleMeta(
        id="lang-matches-content",
        name="Language changes match the content",
        wcag=("3.1.2",),
        act_rules=("off6ek",),
        impact=Impact.SERIOUS,
        tags=("cat.document", "wcag2aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements with a known lang in body from which some text inherits it."""
        for element in elements_with_language_text(page):
            if has_known_primary_language(element.attrs.get("lang") or ""):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges whether the language matches the text."""
        return self.ask(oracle, LANGUAGE_MATCHES, page, target, yes=MATCHES, no=MISMATCH)
