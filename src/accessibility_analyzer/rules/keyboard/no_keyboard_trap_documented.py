"""no-keyboard-trap-documented: a trap the standard keys cannot leave says how to leave it."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import KEYBOARD_TRAP_DOCUMENTED
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.keyboard._traps import KeyboardTrapRule

NO_TRAP = Diagnostic.passed("Where standard keys keep focus, the page explains how to leave")
TRAP = Diagnostic.failed(
    "Where Tab, Shift+Tab and the arrow keys cannot move focus away, the page must explain, "
    "before focus gets there, another key that does",
    fix_hint='Put the instructions ("Press Escape to leave the editor") before the element '
    "and make that key move focus out.",
)


class NoKeyboardTrapDocumented(KeyboardTrapRule):
    """A focus trap the standard keys cannot leave must have an explained way out.

    ## What it checks
    Once per page that has scripts, event-handler attributes or embedded content and a
    focusable element (a page without them cannot trap focus: inapplicable). The question
    `keyboard-trap-documented` decides: wherever the standard keys cannot move focus away,
    is another key explained before focus gets there, and does it work? Without an answer,
    `cantTell`.

    ## Why it matters
    Rich widgets (editors, games) may keep Tab for themselves; users then need to learn the
    way out before they are caught (WCAG 2.1.2 No Keyboard Trap).

    ## Fails
        <button onblur="keepFocus(this)" onkeydown="escapeOnCtrlM(event)">Go</button>
        (the Ctrl+M way out is explained nowhere, per the oracle)

    ## Passes
        <p>Press Ctrl+M to leave the buttons.</p>
        <button onblur="keepFocus(this)" onkeydown="escapeOnCtrlM(event)">Go</button>
        (per the oracle)

    ## Limitations
    Scripts are not run: whether a trap exists at all is part of the question. Off by
    default (tag `experimental`): most real pages have scripts.
    """

    meta = RuleMeta(
        id="no-keyboard-trap-documented",
        name="Focus traps explain how to leave them",
        wcag=("2.1.2",),
        act_rules=("ebe86a",),
        impact=Impact.SERIOUS,
        tags=("cat.keyboard", "wcag2a", "act", "experimental"),
    )
    question = KEYBOARD_TRAP_DOCUMENTED
    no_trap = NO_TRAP
    trap = TRAP
    needs_scripts = True
