"""changing-text-controllable: text that a script changes again and again can be paused."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_hidden
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.questions import CHANGING_TEXT_CONTROLLABLE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.html import NON_CONTENT_TAGS
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules._reasons import listing
from accessibility_analyzer.rules._scripts import page_scripts

CONTROLLABLE = Diagnostic.passed("Text that changes by itself can be paused, stopped or hidden")
NOT_CONTROLLABLE = Diagnostic.failed(
    "Text that changes by itself, again and again, must be possible to pause, stop or hide",
    fix_hint="Add a button that pauses (or stops, or hides) the updates, by the changing text.",
)

# What code needs to change text without the user: a clock to run it again and again (or a
# stream pushing updates), and a way to write text into the document.
_REPEATS = re.compile(r"\b(?:setInterval|setTimeout|requestAnimationFrame|WebSocket|EventSource)\b")
_WRITES_TEXT = re.compile(
    r"\.(?:innerText|textContent|innerHTML|outerHTML|nodeValue)\s*\+?=(?!=)"
    r"|\.(?:insertAdjacentHTML|insertAdjacentText|appendChild|replaceChildren|replaceWith)\("
    r"|\bdocument\.write(?:ln)?\(|\.(?:text|html)\(\s*[^)\s]"
)


def _text_elements(page: Page, limit: int) -> int:
    """How many rendered elements of the body hold text of their own (counted up to ``limit``)."""
    found = 0
    for body in page.by_tag("body"):
        for element in body.descendants():
            if (
                element.tag not in NON_CONTENT_TAGS
                and any(
                    isinstance(child, Text) and child.data.strip() for child in element.children
                )
                and not is_hidden(page, element)
            ):
                found += 1
                if found >= limit:
                    return found
    return found


def _why_text_may_change(page: Page) -> str | None:
    """What in the page's code could change its text repeatedly, or ``None``."""
    scripts = page_scripts(page)
    if scripts.unreadable:
        return f"scripts outside the upload ({listing(scripts.unreadable)}) may change text"
    code = scripts.all_code()
    repeats = _REPEATS.search(code)
    writes = _WRITES_TEXT.search(code)
    if repeats is None or writes is None:
        return None
    return f"the page's code runs {repeats.group(0)} and writes text ({writes.group(0).strip()})"


class ChangingTextControllable(Rule):
    """Text that changes by itself, again and again, can be paused, stopped or hidden.

    ## What it checks
    Once per HTML page (the target is `<html>`) whose code could change text repeatedly
    without the user (ACT efbfc7): inline scripts, the upload's script files and event
    handlers name both a timer or stream (`setInterval`, `setTimeout`,
    `requestAnimationFrame`, `WebSocket`, `EventSource`) and a way to write text
    (`textContent =`, `innerHTML =`, `appendChild(`...), or a script cannot be read (outside
    the upload). A page with at most one element of text is inapplicable: text that is the
    page's only text is exempt. Scripts are read, not run, so the question
    `changing-text-controllable` decides; without an answer, `cantTell`.

    ## Why it matters
    Text that keeps changing (tickers, counters, live scores) distracts people with
    attention disorders and moves under readers who need more time (WCAG 2.2.2 Pause, Stop,
    Hide).

    ## Fails
        <p>Random number: <span id="n">1</span></p>
        <script>setInterval(() => n.textContent = Math.random(), 1000)</script>
        (per the oracle: nothing stops it)

    ## Passes
        The same page with `<button onclick="clearInterval(timer)">Stop changes</button>`
        (per the oracle)

    ## Limitations
    Scripts are not run: whether the text really changes, and whether a control stops it,
    is always asked. Off by default (tag `experimental`): pages with scripts from outside
    the upload, most real pages, would each get the question.
    """

    meta = RuleMeta(
        id="changing-text-controllable",
        name="Text that changes by itself can be paused, stopped or hidden",
        wcag=("2.2.2",),
        act_rules=("efbfc7",),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2a", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root of an HTML page whose code may change text, with more than one text."""
        if (
            is_html_document(page)
            and _why_text_may_change(page) is not None
            and _text_elements(page, limit=2) >= 2
        ):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges whether the changes can be paused, stopped or hidden."""
        verdict = self.ask(
            oracle, CHANGING_TEXT_CONTROLLABLE, page, target, yes=CONTROLLABLE, no=NOT_CONTROLLABLE
        )
        if verdict.question is None:
            return verdict
        return Verdict(
            verdict.diagnostic,
            f"{verdict.reason}; {_why_text_may_change(page)}",
            question=verdict.question,
        )
