"""aria-progressbar-name: progress bars have a non-empty accessible name (best practice)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

ROLES = frozenset({"progressbar"})

HAS_NAME = Diagnostic.passed("The progress bar has an accessible name")
NO_NAME = Diagnostic.failed(
    "A progress bar should have an accessible name",
    fix_hint="Add an aria-label or aria-labelledby saying what is in progress.",
)


class AriaProgressbarName(NonEmptyNameRule):
    """Progress bars should have an accessible name.

    ## What it checks
    Every HTML element included in the accessibility tree whose semantic role is
    `progressbar` (`<progress>` or `role="progressbar"`) has a non-empty accessible name.

    ## Why it matters
    A progress bar announced as "progress bar, 40%" does not say what is progressing.
    WAI-ARIA requires the name (best practice).

    ## Fails
        <div role="progressbar" aria-valuenow="40"></div>

    ## Passes
        <progress aria-label="Uploading photo" value="40" max="100"></progress>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`.
    Whether the name is descriptive is not judged.
    """

    meta = RuleMeta(
        id="aria-progressbar-name",
        name="Progress bars have an accessible name",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.names", "best-practice"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with the progress bar role in the accessibility tree."""
        return exposed_elements_with_role(page, ROLES)
