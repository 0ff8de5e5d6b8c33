"""no-keyboard-trap: keyboard focus can leave every element (asks an oracle with scripts)."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import KEYBOARD_NO_TRAP
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.keyboard._traps import KeyboardTrapRule

NO_TRAP = Diagnostic.passed("Keyboard focus can move away from every element")
TRAP = Diagnostic.failed(
    "Keyboard focus must not get stuck on an element",
    fix_hint="Do not move focus back in blur or keydown handlers; if a widget keeps Tab, "
    "say before it which key leaves it (Escape) and make that key work.",
)


class NoKeyboardTrap(KeyboardTrapRule):
    """Keyboard focus must be able to move away from every focusable element.

    ## What it checks
    Once per page with a focusable element (the target is `<html>`). A page without
    `<script>`, event-handler attributes (`onblur`, `onkeydown`…) and embedded content
    (`iframe`, `object`, `embed`) passes: without them a browser never holds focus.
    Otherwise the question `keyboard-no-trap` decides: can focus leave every element with
    Tab, Shift+Tab or the arrow keys, or with another key the page explains before focus
    gets there? Without an answer, `cantTell`.

    ## Why it matters
    A keyboard user whose focus is stuck cannot reach the rest of the page, and often has
    to close the browser (WCAG 2.1.2 No Keyboard Trap).

    ## Fails
        <button onblur="setTimeout(() => this.focus(), 10)">Stuck</button>  (per the oracle)

    ## Passes
        <a href="/">Home</a> <button>Send</button>  (no scripts)

    ## Limitations
    Scripts are not run: any script makes the page a question. Off by default (tag
    `experimental`): most real pages have scripts, so it would ask about nearly every page.
    """

    meta = RuleMeta(
        id="no-keyboard-trap",
        name="Keyboard focus can leave every element",
        wcag=("2.1.2",),
        act_rules=("80af7b",),
        impact=Impact.CRITICAL,
        tags=("cat.keyboard", "wcag2a", "act", "experimental"),
    )
    question = KEYBOARD_NO_TRAP
    no_trap = NO_TRAP
    trap = TRAP
