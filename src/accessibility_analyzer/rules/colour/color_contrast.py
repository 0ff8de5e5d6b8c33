"""color-contrast: text has at least the minimum contrast with its background (WCAG 1.4.3)."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.colour._contrast import TextContrastRule

ENOUGH = Diagnostic.passed("The text has at least 4.5:1 contrast (3:1 when large)")
TOO_LOW = Diagnostic.failed(
    "Text must have at least 4.5:1 contrast with its background (3:1 for large text)",
    fix_hint="Darken the text or lighten its background (or the reverse) until the ratio "
    "reaches 4.5:1, or 3:1 for text of at least 24px (18.66px bold).",
)
UNKNOWN = Diagnostic.cant_tell("The contrast of this text cannot be computed from CSS alone")


class ColorContrast(TextContrastRule):
    """Text must have enough contrast with its background.

    ## What it checks
    Every HTML element with visible text of its own: its computed `color` (every CSS colour
    syntax, `currentColor`, system colours) against the background colours of its
    ancestors, composited with their alpha and `opacity` over the canvas (white), reaches
    4.5:1, or 3:1 for large text (at least 24px, or 18.66px and bold, from the computed
    `font-size` and `font-weight`). Text of a disabled widget or group, or of a label of
    one, is not tested; text the cascade shows is invisible (`display: none`, clipped,
    off-screen, transparent, the colour of its background) is inapplicable. Symbols and
    punctuation alone express no language and pass.

    ## Why it matters
    Readers with low vision or colour deficiencies cannot read text that does not stand
    out from its background; low contrast is the most common failure on the web.

    ## Fails
        <p style="color: #aaa; background: white">Light grey text</p>
        <div style="background: #fff"><p style="color: #000; opacity: .3">Faded</p></div>

    ## Passes
        <p style="color: #333; background: #fff">Dark text</p>
        <p style="color: #000; font-size: 18pt; background: #666">Large text at 3:1</p>

    ## Limitations
    The engine has no layout: where the background depends on it (a background image,
    text in an absolutely positioned or transformed box without its own background,
    `mix-blend-mode`, `filter`, `background-clip: text`, colours it cannot compute such as
    `oklch()` or `color-mix()`), the outcome is `cantTell` with the reason, never a guessed
    failure. Gradients pass or fail only when all their colours agree. Content from other
    boxes overlapping the text (a fixed header scrolled over it) is not seen.
    """

    meta = RuleMeta(
        id="color-contrast",
        name="Text has enough contrast with its background",
        wcag=("1.4.3",),
        act_rules=("afw4f7",),
        impact=Impact.SERIOUS,
        tags=("cat.color", "wcag2aa", "act"),
    )
    normal_ratio = 4.5
    large_ratio = 3.0
    enough = ENOUGH
    too_low = TOO_LOW
    unknown = UNKNOWN
