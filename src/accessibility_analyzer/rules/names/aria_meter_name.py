"""aria-meter-name: meters have a non-empty accessible name (best practice)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

ROLES = frozenset({"meter"})

HAS_NAME = Diagnostic.passed("The meter has an accessible name")
NO_NAME = Diagnostic.failed(
    "A meter should have an accessible name",
    fix_hint="Associate a <label> with the meter, or add an aria-label saying what it measures.",
)


class AriaMeterName(NonEmptyNameRule):
    """Meters should have an accessible name.

    ## What it checks
    Every HTML element included in the accessibility tree whose semantic role is `meter`
    (`<meter>` or `role="meter"`) has a non-empty accessible name, from a `<label>`,
    `aria-label` or `aria-labelledby`.

    ## Why it matters
    A meter announced as "meter, 70%" does not say what is measured. WAI-ARIA requires the
    name (best practice).

    ## Fails
        <meter value="0.7"></meter>

    ## Passes
        <label>Disk usage <meter value="0.7"></meter></label>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`.
    Whether the name is descriptive is not judged.
    """

    meta = RuleMeta(
        id="aria-meter-name",
        name="Meters have an accessible name",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.names", "best-practice"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with the meter role in the accessibility tree."""
        return exposed_elements_with_role(page, ROLES)
