"""accesskeys: accesskey values are unique."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import quoted_attribute

UNIQUE = Diagnostic.passed("No other element has the same accesskey")
DUPLICATE = Diagnostic.failed(
    "accesskey values should be unique",
    fix_hint="Give each element its own key, or drop accesskey (it clashes with browser keys).",
)


def _key(element: Element) -> str:
    return (element.attrs.get("accesskey") or "").strip().casefold()


def _key_counts(page: Page) -> Counter[str]:
    memo: dict[int, Counter[str]] = page.memo_table("rules.accesskeys")
    counts = memo.get(page.root.order)
    if counts is None:
        counts = Counter(
            key
            for element in page.elements
            if "accesskey" in element.attrs and element.is_html and (key := _key(element))
        )
        memo[page.root.order] = counts
    return counts


class Accesskeys(Rule):
    """accesskey attribute values should be unique.

    ## What it checks
    Every HTML element with a non-empty `accesskey` attribute has a value (ignoring case and
    surrounding spaces) that no other element of the page uses.

    ## Why it matters
    With two elements on one key, the shortcut reaches only one of them (which one depends on
    the browser), so keyboard users lose the other.

    ## Fails
        <a href="/" accesskey="h">Home</a><a href="/help" accesskey="H">Help</a>

    ## Passes
        <a href="/" accesskey="h">Home</a><a href="/search" accesskey="s">Search</a>

    ## Limitations
    Clashes with the browser's or the screen reader's own shortcuts are not checked, nor are
    keys that scripts bind.
    """

    meta = RuleMeta(
        id="accesskeys",
        name="Access keys are unique",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.keyboard", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with a non-empty accesskey."""
        if not _key_counts(page):
            return
        for element in page.elements:
            if "accesskey" in element.attrs and element.is_html and _key(element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The key is used once."""
        count = _key_counts(page)[_key(target)]
        shown = quoted_attribute(target, "accesskey")
        if count > 1:
            return Verdict(DUPLICATE, f"{shown} is used by {count} elements")
        return Verdict(UNIQUE, shown)
