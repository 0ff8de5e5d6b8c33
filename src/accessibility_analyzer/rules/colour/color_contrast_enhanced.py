"""color-contrast-enhanced: text has the enhanced contrast with its background (WCAG 1.4.6)."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.colour._contrast import TextContrastRule

ENOUGH = Diagnostic.passed("The text has at least 7:1 contrast (4.5:1 when large)")
TOO_LOW = Diagnostic.failed(
    "Text must have at least 7:1 contrast with its background (4.5:1 for large text)",
    fix_hint="Darken the text or lighten its background (or the reverse) until the ratio "
    "reaches 7:1, or 4.5:1 for text of at least 24px (18.66px bold).",
)
UNKNOWN = Diagnostic.cant_tell("The contrast of this text cannot be computed from CSS alone")


class ColorContrastEnhanced(TextContrastRule):
    """Text must have enhanced contrast with its background (level AAA).

    ## What it checks
    The same text as `color-contrast`, measured the same way (computed colours composited
    over the ancestors' backgrounds and the white canvas, `opacity` included), against the
    enhanced ratios: 7:1, or 4.5:1 for large text (at least 24px, or 18.66px and bold).
    Disabled widgets and their labels, invisible text and text that expresses no human
    language are exempt as in `color-contrast`.

    ## Why it matters
    Readers with moderately low vision (about 20/80) who use no assistive technology need
    more contrast than the minimum to read comfortably.

    ## Fails
        <p style="color: #666; background: white">Mid grey text (5.7:1)</p>
        <p style="color: rgba(0, 0, 0, .6); background: #fff">Translucent black</p>

    ## Passes
        <p style="color: #333; background: #fff">Dark text (12.6:1)</p>
        <p style="color: #000; font-size: 14pt; font-weight: 700; background: #777">Bold 14pt</p>

    ## Limitations
    As `color-contrast`: backgrounds that need layout (images, positioned or transformed
    boxes, blend modes, filters) and colours the engine cannot compute give `cantTell` with
    the reason; overlapping content from other boxes is not seen.

    Off by default (tag `experimental`), as in axe-core: a level-AAA check fails much text
    that meets AA. Run it with `--rules color-contrast-enhanced` or `--tags experimental`.
    """

    meta = RuleMeta(
        id="color-contrast-enhanced",
        name="Text has enhanced contrast with its background",
        wcag=("1.4.6",),
        act_rules=("09o5cg",),
        impact=Impact.SERIOUS,
        tags=("cat.color", "wcag2aaa", "act", "experimental"),
    )
    normal_ratio = 7.0
    large_ratio = 4.5
    enough = ENOUGH
    too_low = TOO_LOW
    unknown = UNKNOWN
