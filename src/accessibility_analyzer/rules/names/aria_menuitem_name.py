"""aria-menuitem-name: menu items have a non-empty accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

HAS_NAME = Diagnostic.passed("The menu item has an accessible name")
NO_NAME = Diagnostic.failed(
    "A menu item must have an accessible name",
    fix_hint="Put text inside the menu item, or add an aria-label saying what it does.",
)


class AriaMenuitemName(NonEmptyNameRule):
    """Menu items must have an accessible name.

    ## What it checks
    Every HTML element included in the accessibility tree whose semantic role is `menuitem`
    has a non-empty accessible name (its text content, `aria-label` or `aria-labelledby`).
    Checkable menu items (`menuitemcheckbox`, `menuitemradio`) are checked by `label`.

    ## Why it matters
    Screen readers announce menu items by name; an icon-only item without one is read as
    "menu item" and its action is unknown (WCAG 4.1.2 Name, Role, Value).

    ## Fails
        <div role="menu"><button role="menuitem"><img src="file.svg" alt=""></button></div>

    ## Passes
        <div role="menu"><button role="menuitem">New file</button></div>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`.
    """

    meta = RuleMeta(
        id="aria-menuitem-name",
        name="Menu items have an accessible name",
        wcag=("4.1.2",),
        act_rules=("m6b1q3",),
        impact=Impact.SERIOUS,
        tags=("cat.names", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with the menuitem role in the accessibility tree."""
        return exposed_elements_with_role(page, frozenset({"menuitem"}))
