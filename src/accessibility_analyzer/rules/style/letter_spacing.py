"""letter-spacing: important letter spacing in style attributes is wide enough."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.style._spacing import ImportantSpacingRule

WIDE_ENOUGH = Diagnostic.passed("The important letter spacing is at least 0.12 times the font size")
TOO_NARROW = Diagnostic.failed(
    "Letter spacing set with !important in a style attribute must be at least 0.12 times the "
    "font size",
    fix_hint="Drop !important so users can widen the spacing, or use at least 0.12em.",
)
UNKNOWN = Diagnostic.cant_tell("The important letter spacing cannot be compared without layout")


class LetterSpacing(ImportantSpacingRule):
    """Important letter spacing in style attributes must be wide enough.

    ## What it checks
    Every HTML element with visible text children whose `letter-spacing` is declared
    `!important` in its own `style` attribute has a letter spacing of at least 0.12 times
    its font size (`normal` counts as 0). `initial` is `normal`;
    `inherit`, `unset` and `revert` are inapplicable (the value is an ancestor's).

    ## Why it matters
    Readers with dyslexia or low vision override text spacing with user style sheets; an
    `!important` declaration in a `style` attribute defeats them unless it already meets
    the WCAG 1.4.12 Text Spacing minimum.

    ## Fails
        <p style="letter-spacing: 0.1em !important">Text</p>
        <p style="letter-spacing: normal !important">Text</p>

    ## Passes
        <p style="letter-spacing: 0.15em !important">Text</p>
        <p style="letter-spacing: 0.1em">Text (not important: users can override it)</p>

    ## Limitations
    Values in units that need layout (`ch`, viewport units, `calc()`) give `cantTell`, as do
    failing values on text whose visibility depends on layout.
    """

    meta = RuleMeta(
        id="letter-spacing",
        name="Important letter spacing in style attributes is wide enough",
        wcag=("1.4.12",),
        act_rules=("24afc2",),
        impact=Impact.SERIOUS,
        tags=("cat.style", "wcag21aa", "act"),
    )
    prop = "letter-spacing"
    factor = 0.12
    normal_px_factor = 0.0
    wide_enough = WIDE_ENOUGH
    too_narrow = TOO_NARROW
    unknown = UNKNOWN

    def check_applies(self, page: Page, element: Element) -> bool | None:
        """Letter spacing matters on any text, wrapped or not."""
        return True
