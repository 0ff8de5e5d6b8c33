"""aria-dialog-name: dialogs have a non-empty accessible name (best practice)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

ROLES = frozenset({"dialog", "alertdialog"})

HAS_NAME = Diagnostic.passed("The dialog has an accessible name")
NO_NAME = Diagnostic.failed(
    "A dialog should have an accessible name",
    fix_hint="Add aria-labelledby pointing at the dialog's heading, or an aria-label.",
)


class AriaDialogName(NonEmptyNameRule):
    """Dialogs should have an accessible name.

    ## What it checks
    Every HTML element included in the accessibility tree whose semantic role is `dialog` or
    `alertdialog` (including an open `<dialog>`) has a non-empty accessible name, usually from
    `aria-labelledby` pointing at its heading.

    ## Why it matters
    When a dialog opens, screen readers announce its name; an unnamed dialog gives no
    context for what the user is asked to do. WAI-ARIA requires the name; WCAG does not map it
    to a single success criterion, so this is a best practice.

    ## Fails
        <div role="dialog"><p>Delete this file?</p><button>OK</button></div>

    ## Passes
        <div role="dialog" aria-labelledby="t"><h2 id="t">Delete file</h2>…</div>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`.
    Whether the name is descriptive is not judged.
    """

    meta = RuleMeta(
        id="aria-dialog-name",
        name="Dialogs have an accessible name",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.names", "best-practice"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with the dialog role in the accessibility tree."""
        return exposed_elements_with_role(page, ROLES)
