"""scrollable-region-focusable: scrollable content can be reached with the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.aria import is_hidden, is_inert
from accessibility_analyzer.engine.css import InvalidSelector, select
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.questions import CONTENT_OVERFLOWS
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._focus import tabbable_inclusive_descendant
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.structure._overflow import overflow_proof
from accessibility_analyzer.rules.style._sheets import page_sheets

# Overflow values that let the user scroll (hidden and clip scroll only programmatically).
_USER_SCROLLABLE = frozenset({"auto", "scroll"})
_OVERFLOW_PROPERTIES = frozenset(
    {"overflow", "overflow-x", "overflow-y", "overflow-block", "overflow-inline"}
)
_SCROLLING_WORDS = ("auto", "scroll", "overlay")
# The viewport scrolls with the keyboard by default; html and body overflow is the viewport's.
_VIEWPORT_TAGS = frozenset({"html", "body"})

REACHABLE = Diagnostic.passed("The scroll container or something inside it is reached with Tab")
INERT = Diagnostic.passed("The scroll container is inert, so nobody is expected to scroll it")
NOT_REACHABLE = Diagnostic.failed(
    "Scrollable content must be reachable with the keyboard",
    fix_hint=(
        'Add tabindex="0" (and a role and accessible name, such as role="region" '
        'aria-label="…") to the scroll container, or put a focusable element inside it.'
    ),
)
DOES_NOT_SCROLL = Diagnostic.passed("The content fits, so there is nothing to scroll to")


def _overflow_candidates(page: Page) -> list[Element]:
    """Elements some author style may make scrollable, without styling the whole page.

    The selectors of sheet rules that set overflow to a scrolling value, plus elements
    whose ``style`` attribute mentions overflow; the cascade then decides for these few.
    """
    selectors = sorted(
        {
            declaration.selector
            for declaration in page_sheets(page).declarations
            if declaration.name in _OVERFLOW_PROPERTIES
            and any(word in declaration.value for word in _SCROLLING_WORDS)
        }
    )
    found: dict[int, Element] = {}
    if selectors:
        try:  # one pass over the page for the whole list
            matched = select(page, ", ".join(selectors))
        except InvalidSelector:  # some selector the engine cannot read: skip only those
            matched = [element for selector in selectors for element in _select(page, selector)]
        found.update((element.order, element) for element in matched)
    for element in page.elements:
        if "overflow" in (element.attrs.get("style") or "").lower():
            found[element.order] = element
    return [found[order] for order in sorted(found)]


def _select(page: Page, selector: str) -> list[Element]:
    try:
        return select(page, selector)
    except InvalidSelector:
        return []


def _may_scroll(page: Page, element: Element) -> bool:
    style = computed_style(page, element)
    return (style.get("overflow-x") in _USER_SCROLLABLE) or (
        style.get("overflow-y") in _USER_SCROLLABLE
    )


def _has_content(element: Element) -> bool:
    """Some child element, or non-whitespace text: something that could overflow."""
    return any(not isinstance(child, Text) or child.data.strip() for child in element.children)


class ScrollableRegionFocusable(Rule):
    """Scrollable content must be reachable with sequential focus navigation.

    ## What it checks
    Every rendered HTML element other than `<html>` and `<body>` whose computed `overflow-x`
    or `overflow-y` is `auto` or `scroll`, and that has content, is itself reached with Tab,
    holds an element reached with Tab, or is inert. Without one of those, the outcome is
    `failed` only when the overflow is certain without layout, on a page styled only by
    `style` attributes that set no padding or margins: a child with a fixed height taller
    than the container's, or blocks of plain text (paragraphs, headings) that need more
    lines at the container's fixed width than its fixed height holds in any font (at least
    0.15em a visible character, lines at least 1em tall, the default margins between
    blocks). Otherwise the oracle is asked `content-overflows` (yes fails, no passes);
    without an answer, `cantTell`.

    ## Why it matters
    A scroll container that nothing in it can focus cannot be scrolled with the keyboard:
    its hidden part is out of reach for keyboard users (WCAG 2.1.1 Keyboard, 2.1.3).

    ## Fails
        <section style="height: 100px; overflow-y: scroll">
          <div style="height: 400px">Long text…</div>
        </section>
        <section style="height: 100px; width: 500px; overflow-y: scroll">
          <h1>Abstract</h1> <p>Four hundred words of text…</p>
        </section>

    ## Passes
        <section style="height: 100px; overflow-y: scroll" tabindex="0">…long text…</section>
        <div style="height: 100px; overflow: auto"><p>Text <a href="/more">more</a></p></div>

    ## Limitations
    The engine does not lay out pages, so it rarely knows whether content overflows: a
    container without focusable content is mostly a question for the oracle.
    Containers scrolled by `overflow: hidden` plus scripts are not considered, nor
    overflow set in sheets pulled in with `@import`.
    """

    meta = RuleMeta(
        id="scrollable-region-focusable",
        name="Scrollable content is reachable with the keyboard",
        wcag=("2.1.1", "2.1.3"),
        act_rules=("0ssw9k",),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Rendered HTML elements with user-scrollable overflow and some content."""
        for element in _overflow_candidates(page):
            if (
                element.is_html
                and element.tag not in _VIEWPORT_TAGS
                and _has_content(element)
                and _may_scroll(page, element)
                and not is_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Tab reaches the container or a descendant, or the container is inert."""
        if is_inert(page, target):
            return Verdict(INERT)
        reachable = tabbable_inclusive_descendant(page, target)
        if reachable is not None:
            return Verdict(REACHABLE, f"reached with Tab: {describe(reachable)}")
        proof = overflow_proof(page, target)
        if proof is not None:
            return Verdict(NOT_REACHABLE, proof)
        verdict = self.ask(
            oracle, CONTENT_OVERFLOWS, page, target, yes=NOT_REACHABLE, no=DOES_NOT_SCROLL
        )
        if verdict.question is None:
            return verdict
        return verdict.with_reason(f"{verdict.reason}; nothing in it is reached with Tab")
