"""aria-tooltip-name: tooltips have a non-empty accessible name (best practice)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

ROLES = frozenset({"tooltip"})

HAS_NAME = Diagnostic.passed("The tooltip has an accessible name")
NO_NAME = Diagnostic.failed(
    "A tooltip should have an accessible name",
    fix_hint="Put the tooltip text inside the element, or add an aria-label.",
)


class AriaTooltipName(NonEmptyNameRule):
    """Tooltips should have an accessible name.

    ## What it checks
    Every HTML element included in the accessibility tree whose semantic role is `tooltip`
    has a non-empty accessible name (its text content, `aria-label` or `aria-labelledby`).

    ## Why it matters
    The name of a tooltip is what screen readers read as the description of the control it
    belongs to; an empty tooltip says nothing. WAI-ARIA requires the name (best practice).

    ## Fails
        <div role="tooltip" id="tip"></div>

    ## Passes
        <div role="tooltip" id="tip">Copies the link</div>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`.
    Whether the name is descriptive is not judged.
    """

    meta = RuleMeta(
        id="aria-tooltip-name",
        name="Tooltips have an accessible name",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.names", "best-practice"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with the tooltip role in the accessibility tree."""
        return exposed_elements_with_role(page, ROLES)
