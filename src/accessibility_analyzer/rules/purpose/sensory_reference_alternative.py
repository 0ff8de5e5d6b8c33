"""sensory-reference-alternative: text that points by position or shape also names the thing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import element_language, is_visible, primary_language
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.questions import SENSORY_REFERENCE_HAS_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

IDENTIFIED = Diagnostic.passed("Things referred to by position or shape are also named")
NOT_IDENTIFIED = Diagnostic.failed(
    "Instructions must not rely on position, shape, size, colour or sound alone",
    fix_hint='Name what you refer to ("the Help menu on the right", "the button labelled '
    'Howdy") or give it a heading.',
)
# English words that refer to things by where they are or how they look (WCAG F14, F26).
_SENSORY_WORDS = re.compile(
    r"\b(on the (?:left|right)|to the (?:left|right)|(?:above|below)|at the (?:top|bottom)|"
    r"round|square|triangle|triangular|circle|circular|sidebar|in (?:red|green|blue|bold))\b",
    re.IGNORECASE,
)
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "title"})
_MEMO = "rules.purpose.sensory_words"


def _may_be_english(page: Page, element: Element) -> bool:
    """Whether the element's text is English or of no declared language."""
    declared = element_language(page, element)
    primary = primary_language(declared) if declared else None
    return primary in (None, "en")


def _sensory_text(page: Page) -> str | None:
    """The first visible text (up to its match) that refers to a position or shape."""
    stack: list[Element | Text] = [page.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            match = _SENSORY_WORDS.search(node.data)
            parent = node.parent
            if (
                match
                and parent is not None
                and _may_be_english(page, parent)
                and is_visible(page, parent) is not False
            ):
                return " ".join(node.data.split())[:80]
            continue
        if node.tag not in _SKIPPED:
            stack.extend(reversed(node.children))
    return None


def sensory_text(page: Page) -> str | None:
    """Memoised :func:`_sensory_text`."""
    memo: dict[int, str | None] = page.memo_table(_MEMO)
    if page.root.order not in memo:
        memo[page.root.order] = _sensory_text(page)
    return memo[page.root.order]


class SensoryReferenceAlternative(Rule):
    """Text that refers to things by position, shape or colour must also identify them.

    ## What it checks
    Once per page (the target is `<html>`) whose visible text uses an English phrase that
    points by position or shape ("on the right", "above", "round", "triangle", "in red"):
    the question `sensory-reference-has-alternative` asks whether each such reference also
    names the thing another way (a reference that gives no instruction, "this circle is
    nice", needs none). Without an answer, `cantTell`; the reason quotes the text.

    ## Why it matters
    "Use the menu on the right" means nothing to a screen-reader user or on a phone where
    the menu moved below (WCAG 1.3.3 Sensory Characteristics).

    ## Fails
        <p>Find the menu on the right, to navigate</p> <ul><li><a href="/help">Help</a></li></ul>
        (per the oracle)

    ## Passes
        <p>Click the button labelled "Howdy", on the right</p> <button>Howdy</button>
        <p>This circle is nice.</p>  (no instruction; both per the oracle)

    ## Limitations
    Only English phrases are found, in text declared English or of no declared language;
    other languages and references in images are missed.
    Off by default (tag `experimental`): "above" and "below" are common words.
    """

    meta = RuleMeta(
        id="sensory-reference-alternative",
        name="References by position or shape also identify the thing",
        wcag=("1.3.3",),
        act_rules=("9bd38c",),
        impact=Impact.MODERATE,
        tags=("cat.sensory-and-visual-cues", "wcag2a", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The page, when its visible text refers to a position or shape."""
        if sensory_text(page) is not None:
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges the references; the reason quotes the first one."""
        verdict = self.ask(
            oracle,
            SENSORY_REFERENCE_HAS_ALTERNATIVE,
            page,
            target,
            yes=IDENTIFIED,
            no=NOT_IDENTIFIED,
        )
        if verdict.question is None:
            return verdict
        return verdict.with_reason(f'{verdict.reason}; text "{sensory_text(page)}"')
