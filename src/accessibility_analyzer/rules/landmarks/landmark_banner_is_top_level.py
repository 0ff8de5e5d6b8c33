"""landmark-banner-is-top-level: the banner landmark is not inside another landmark."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.landmarks._shared import TopLevelLandmarkRule

TOP_LEVEL = Diagnostic.passed("The banner landmark is not inside another landmark")
NESTED = Diagnostic.failed(
    "The banner landmark should not be contained in another landmark",
    fix_hint=(
        'Move the header (or role="banner") out of the enclosing landmark, to the top level.'
    ),
)


class LandmarkBannerIsTopLevel(TopLevelLandmarkRule):
    """The banner landmark should be at the top level.

    ## What it checks
    Every `banner` landmark in the accessibility tree has no ancestor that is a landmark
    (`form` and `region` count only when named).

    ## Why it matters
    Landmark navigation lists the top-level regions of a page; the site header nested in another
    landmark is announced as part of it and is hard to find.

    ## Fails
        <main><div role="banner">Logo</div></main>

    ## Passes
        <header>Logo</header><main>…</main>

    ## Limitations
    Nesting is read from the DOM (an `aria-owns` that moves a landmark is not followed).
    """

    meta = RuleMeta(
        id="landmark-banner-is-top-level",
        name="The banner landmark is at the top level",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )
    landmark_role = "banner"
    top_level = TOP_LEVEL
    nested = NESTED
