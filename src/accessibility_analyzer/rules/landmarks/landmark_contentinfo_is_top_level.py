"""landmark-contentinfo-is-top-level: the contentinfo landmark is not inside another landmark."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.landmarks._shared import TopLevelLandmarkRule

TOP_LEVEL = Diagnostic.passed("The contentinfo landmark is not inside another landmark")
NESTED = Diagnostic.failed(
    "The contentinfo landmark should not be contained in another landmark",
    fix_hint=(
        'Move the footer (or role="contentinfo") out of the enclosing landmark, to the top level.'
    ),
)


class LandmarkContentinfoIsTopLevel(TopLevelLandmarkRule):
    """The contentinfo landmark should be at the top level.

    ## What it checks
    Every `contentinfo` landmark in the accessibility tree has no ancestor that is a landmark
    (`form` and `region` count only when named).

    ## Why it matters
    Landmark navigation lists the top-level regions of a page; the site footer nested in another
    landmark is announced as part of it and is hard to find.

    ## Fails
        <main><div role="contentinfo">©</div></main>

    ## Passes
        <main>…</main><footer>©</footer>

    ## Limitations
    Nesting is read from the DOM (an `aria-owns` that moves a landmark is not followed).
    """

    meta = RuleMeta(
        id="landmark-contentinfo-is-top-level",
        name="The contentinfo landmark is at the top level",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )
    landmark_role = "contentinfo"
    top_level = TOP_LEVEL
    nested = NESTED
