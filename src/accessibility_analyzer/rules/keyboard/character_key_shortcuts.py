"""character-key-shortcuts: single printable-key shortcuts can be turned off or remapped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_interactive_role, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import CHARACTER_KEY_SHORTCUTS_CONTROLLABLE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules._scripts import Handler, page_scripts

CONTROLLABLE = Diagnostic.passed(
    "Single-key shortcuts can be turned off or remapped, or work only on focus"
)
NOT_CONTROLLABLE = Diagnostic.failed(
    "A shortcut that is a single printable key must be possible to turn off or remap, or "
    "work only while its control has focus",
    fix_hint=(
        "Require Ctrl or Alt with the key, listen on the control the shortcut belongs to "
        "instead of the document, or add a setting that turns the shortcut off."
    ),
)

# Code that listens to the keyboard: addEventListener('keydown'), onkeypress =, $(x).keyup(.
_KEY_EVENT = re.compile(r"\b(?:on)?key(?:down|press|up)\b", re.IGNORECASE)
_KEY_EVENTS = frozenset({"keydown", "keypress", "keyup"})


def _key_handlers(page: Page) -> list[Handler]:
    return [handler for handler in page_scripts(page).handlers if handler.event in _KEY_EVENTS]


def _listens_in_scripts(page: Page) -> bool:
    """Whether a script (not a handler attribute) names a key event."""
    return any(_KEY_EVENT.search(code) for code in page_scripts(page).code)


def _on_widget(page: Page, handler: Handler) -> bool:
    """A handler on a widget only hears keys while focus is on it (ACT ffbc54, "focus")."""
    return is_interactive_role(role_of(page, handler.element))


class CharacterKeyShortcuts(Rule):
    """A shortcut that is a single printable key can be turned off or remapped, or needs focus.

    ## What it checks
    Once per HTML page (the target is `<html>`) whose code listens to the keyboard (ACT
    ffbc54): a `keydown`, `keypress` or `keyup` handler attribute, or one of these events
    named in an inline script or a script file of the upload. When the only listeners are
    handler attributes on widgets (a text field, a button), the page passes: they hear keys
    only while the widget has focus. Otherwise the question
    `character-key-shortcuts-controllable` decides; without an answer, `cantTell`. A page
    whose code names no key event is inapplicable.

    ## Why it matters
    Speech-input users dictate words that a page would take as a burst of shortcuts, and
    keyboard users with tremors hit keys by accident (WCAG 2.1.4 Character Key Shortcuts).

    ## Fails
        <body onkeydown="if (event.key === '+') addItem()">  (per the oracle: no setting)

    ## Passes
        <input id="item" onkeydown="if (event.key === '+') addItem()">

    ## Limitations
    Scripts are read, not run: which keys a listener handles, and whether a setting turns
    it off, is asked. Scripts outside the upload (a CDN) are not read: a page listening only
    there is inapplicable. `accesskey` is not a single-key shortcut (browsers add Alt).
    """

    meta = RuleMeta(
        id="character-key-shortcuts",
        name="Single printable-key shortcuts can be turned off, remapped or need focus",
        wcag=("2.1.4",),
        act_rules=("ffbc54",),
        impact=Impact.SERIOUS,
        tags=("cat.keyboard", "wcag21a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root of an HTML page whose code listens to key events."""
        if is_html_document(page) and (_key_handlers(page) or _listens_in_scripts(page)):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Handlers on widgets only pass; any other listener is a question."""
        handlers = _key_handlers(page)
        if not _listens_in_scripts(page) and all(_on_widget(page, h) for h in handlers):
            where = ", ".join(describe(handler.element) for handler in handlers[:3])
            return Verdict(CONTROLLABLE, f"key handlers only on widgets: {where}")
        verdict = self.ask(
            oracle,
            CHARACTER_KEY_SHORTCUTS_CONTROLLABLE,
            page,
            target,
            yes=CONTROLLABLE,
            no=NOT_CONTROLLABLE,
        )
        if verdict.question is None:
            return verdict
        listener = next((h for h in handlers if not _on_widget(page, h)), None)
        where = (
            f"a {listener.event} handler on {describe(listener.element)}"
            if listener is not None
            else "a script listens to key events"
        )
        return Verdict(verdict.diagnostic, f"{verdict.reason}; {where}", question=verdict.question)
