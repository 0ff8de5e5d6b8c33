"""button-name: buttons have a non-empty accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import (
    NonEmptyNameRule,
    exposed_elements_with_role,
    is_image_button,
)

BUTTON_ROLE = frozenset({"button"})

HAS_NAME = Diagnostic.passed("The button has an accessible name")
NO_NAME = Diagnostic.failed(
    "A button must have an accessible name",
    fix_hint="Put text inside the button, or add an aria-label saying what it does.",
)


class ButtonName(NonEmptyNameRule):
    """Buttons must have an accessible name.

    ## What it checks
    Every element included in the accessibility tree whose semantic role is `button` (a
    `<button>`, `<input type="button|submit|reset">`, `<summary role="button">`, any element
    with `role="button"`, and `<button role="none">` when focus overrides the presentational
    role) has a non-empty accessible name. Image buttons (`<input type="image">`) are checked by
    `input-image-alt`. Default names of submit and reset buttons count as names.

    ## Why it matters
    Screen-reader and voice-control users find and activate buttons by their names; an icon-only
    button without one is announced as just "button" (WCAG 4.1.2 Name, Role, Value).

    ## Fails
        <button><svg aria-hidden="true">…</svg></button>
        <span role="button" tabindex="0"></span>

    ## Passes
        <button>Delete</button>
        <button aria-label="Close"><svg aria-hidden="true">…</svg></button>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`. Whether the name
    describes the action is not judged.
    """

    meta = RuleMeta(
        id="button-name",
        name="Buttons have an accessible name",
        wcag=("4.1.2",),
        act_rules=("97a4e1",),
        impact=Impact.CRITICAL,
        tags=("cat.names", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements with the button role in the accessibility tree, except image buttons."""
        for element in exposed_elements_with_role(page, BUTTON_ROLE, html_only=False):
            if not is_image_button(element):
                yield element
