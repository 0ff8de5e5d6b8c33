"""line-height: important line height in style attributes is wide enough."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.style._spacing import ImportantSpacingRule
from accessibility_analyzer.rules.style._wrapping import soft_wraps

WIDE_ENOUGH = Diagnostic.passed("The important line height is at least 1.5 times the font size")
TOO_NARROW = Diagnostic.failed(
    "Line height set with !important in a style attribute must be at least 1.5 times the font size",
    fix_hint="Drop !important so users can increase it, or use a line height of at least 1.5.",
)
UNKNOWN = Diagnostic.cant_tell(
    "The important line height is below 1.5, but whether the text wraps needs layout"
)


class LineHeight(ImportantSpacingRule):
    """Important line height in style attributes must be wide enough.

    ## What it checks
    Every HTML element with visible text children that wraps onto more than one line, and
    whose `line-height` is declared `!important` in its own `style` attribute, has a line
    height of at least 1.5 times its font size. Numbers and percentages are factors of the
    font size; `normal` counts as 1.2. `initial` is `normal`;
    `inherit`, `unset` and `revert` are inapplicable (the value is an ancestor's).

    ## Why it matters
    Readers with dyslexia or low vision increase line spacing with user style sheets; an
    `!important` declaration in a `style` attribute defeats them unless it already meets
    the WCAG 1.4.12 Text Spacing minimum. Single-line text is not affected.

    ## Fails
        <p style="line-height: 1em !important; max-width: 200px">A long sentence…</p>
        <p style="line-height: normal !important; max-width: 200px">A long sentence…</p>

    ## Passes
        <p style="line-height: 2em !important; max-width: 200px">A long sentence…</p>
        <p style="line-height: 1em">Not important: users can override it</p>

    ## Limitations
    Whether text wraps needs layout: a value that is too small fails only when the text
    certainly wraps (it is wider than the element's fixed pixel width even in very narrow
    glyphs), and is `cantTell` otherwise. `normal` depends on the font; 1.2 is the usual
    value, but a few fonts use more.
    """

    meta = RuleMeta(
        id="line-height",
        name="Important line height in style attributes is wide enough",
        wcag=("1.4.12",),
        act_rules=("78fd32",),
        impact=Impact.SERIOUS,
        tags=("cat.style", "wcag21aa", "act"),
    )
    prop = "line-height"
    factor = 1.5
    normal_px_factor = 1.2
    wide_enough = WIDE_ENOUGH
    too_narrow = TOO_NARROW
    unknown = UNKNOWN
    unitless_is_factor = True

    def check_applies(self, page: Page, element: Element) -> bool | None:
        """Only text that wraps onto several lines is affected by line height."""
        return soft_wraps(page, element)
