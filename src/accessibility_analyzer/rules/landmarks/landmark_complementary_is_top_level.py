"""landmark-complementary-is-top-level: complementary landmarks are not in other landmarks."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.landmarks._shared import TopLevelLandmarkRule

TOP_LEVEL = Diagnostic.passed("The complementary landmark is not inside another landmark")
NESTED = Diagnostic.failed(
    "The complementary landmark should not be contained in another landmark",
    fix_hint=(
        'Move the aside (or role="complementary") out of the enclosing landmark, to the top level.'
    ),
)


class LandmarkComplementaryIsTopLevel(TopLevelLandmarkRule):
    """The complementary landmark should be at the top level.

    ## What it checks
    Every `complementary` landmark in the accessibility tree has no ancestor that is a landmark
    (`form` and `region` count only when named).

    ## Why it matters
    Landmark navigation lists the top-level regions of a page; complementary content nested
    in another landmark is announced as part of it and is hard to find.

    ## Fails
        <nav aria-label="Site"><div role="complementary">Ads</div></nav>

    ## Passes
        <main>…</main><aside>Related</aside>

    ## Limitations
    Nesting is read from the DOM (an `aria-owns` that moves a landmark is not followed).
    """

    meta = RuleMeta(
        id="landmark-complementary-is-top-level",
        name="The complementary landmark is at the top level",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )
    landmark_role = "complementary"
    top_level = TOP_LEVEL
    nested = NESTED
