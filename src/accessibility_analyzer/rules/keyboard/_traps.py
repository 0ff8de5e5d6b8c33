"""What the keyboard-trap rules share: whether anything on the page could hold focus.

Without scripts a browser never traps focus: Tab and Shift+Tab always move on. Focus can
only get stuck where a script moves it back (a ``focus()`` in a ``blur`` handler), a key
handler swallows Tab, or embedded content (a frame, a plug-in) keeps it. So a page without
``<script>``, event-handler attributes and embedded content is decided; any of them makes it
a question for the oracle, asked once for the page (a trap is a property of the page's
behaviour, and asking per focusable element would flood the report).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from accessibility_analyzer.engine.aria import is_focusable
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import Question
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict

# Script types that are data, not code (HTML: an unknown type is not run either, but the
# common JavaScript spellings and modules are).
_CODE_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
)
_EMBEDDING = ("iframe", "frame", "object", "embed")
_SCRIPTING_MEMO = "rules.keyboard.scripting"

NO_SCRIPT = "the page has no scripts, event handlers or embedded content that could hold focus"


def _scripting(page: Page) -> str | None:
    for script in page.by_tag("script"):
        kind = (script.get("type") or "").strip().lower()
        if script.is_html and kind in _CODE_TYPES:
            return "a <script> element"
    for tag in _EMBEDDING:
        if page.by_tag(tag):
            return f"an <{tag}> element"
    for element in page.elements:
        for name in element.attrs:
            if name.startswith("on") and len(name) > 2:
                return f"an {name} attribute on <{element.tag}>"
    return None


def scripting(page: Page) -> str | None:
    """What on the page could move focus by itself (for reasons), or ``None``."""
    memo: dict[int, str | None] = page.memo_table(_SCRIPTING_MEMO)
    if page.root.order not in memo:
        memo[page.root.order] = _scripting(page)
    return memo[page.root.order]


def has_focusable(page: Page) -> bool:
    """Whether any element of the page can receive focus."""
    return any(is_focusable(page, element) for element in page.elements)


class KeyboardTrapRule(Rule):
    """A page-level keyboard-trap rule: decided without scripts, else asked.

    Subclasses set the ``question`` and the diagnostics; ``needs_scripts`` makes the rule
    inapplicable on a page without scripts (for rules about traps that already exist).
    """

    question: ClassVar[Question]
    no_trap: ClassVar[Diagnostic]
    trap: ClassVar[Diagnostic]
    needs_scripts: ClassVar[bool] = False

    def applicability(self, page: Page) -> Iterator[Element]:
        """The page (its root), when it has a focusable element."""
        if self.needs_scripts and scripting(page) is None:
            return
        if has_focusable(page):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No scripts: no trap. Otherwise the oracle judges the page's behaviour."""
        found = scripting(page)
        if found is None:
            return Verdict(self.no_trap, NO_SCRIPT)
        verdict = self.ask(oracle, self.question, page, target, yes=self.no_trap, no=self.trap)
        if verdict.question is None:
            return verdict
        return verdict.with_reason(f"{verdict.reason}; {found} may move focus")
