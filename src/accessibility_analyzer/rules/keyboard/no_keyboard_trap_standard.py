"""no-keyboard-trap-standard: Tab, Shift+Tab and arrows move focus away from every element."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import KEYBOARD_NO_TRAP_STANDARD
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.keyboard._traps import KeyboardTrapRule

NO_TRAP = Diagnostic.passed("Standard keys move focus away from every element")
TRAP = Diagnostic.failed(
    "Tab, Shift+Tab or the arrow keys must move focus away from every element",
    fix_hint="Do not move focus back in blur or keydown handlers, and do not swallow Tab.",
)


class NoKeyboardTrapStandard(KeyboardTrapRule):
    """Standard keyboard navigation must move focus away from every focusable element.

    ## What it checks
    Once per page with a focusable element (the target is `<html>`). A page without
    `<script>`, event-handler attributes and embedded content passes. Otherwise the
    question `keyboard-no-trap-standard` decides: can focus leave every element with Tab,
    Shift+Tab or the arrow keys alone? Without an answer, `cantTell`. Stricter than
    `no-keyboard-trap`, which also accepts another key the page explains.

    ## Why it matters
    Users expect the standard keys to move on; a widget that keeps them needs instructions
    they may never find (WCAG 2.1.2 No Keyboard Trap).

    ## Fails
        <button onblur="setTimeout(() => this.focus(), 10)">Stuck</button>  (per the oracle)

    ## Passes
        <a href="/">Home</a> <button>Send</button>  (no scripts)

    ## Limitations
    Scripts are not run: any script makes the page a question. Off by default (tag
    `experimental`): most real pages have scripts.
    """

    meta = RuleMeta(
        id="no-keyboard-trap-standard",
        name="Standard keys move focus away from every element",
        wcag=("2.1.2",),
        act_rules=("a1b64e",),
        impact=Impact.CRITICAL,
        tags=("cat.keyboard", "wcag2a", "act", "experimental"),
    )
    question = KEYBOARD_NO_TRAP_STANDARD
    no_trap = NO_TRAP
    trap = TRAP
