"""landmark-no-duplicate-contentinfo: a page has at most one contentinfo landmark."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.landmarks._shared import NoDuplicateLandmarkRule

ONLY_ONE = Diagnostic.passed("This is the page's only contentinfo landmark")
DUPLICATE = Diagnostic.failed(
    "A page should have at most one contentinfo landmark",
    fix_hint=(
        'Keep one site footer landmark (footer or role="contentinfo"); '
        "make the others plain content or another landmark."
    ),
)


class LandmarkNoDuplicateContentinfo(NoDuplicateLandmarkRule):
    """A page should not have more than one contentinfo landmark.

    ## What it checks
    The page's first `contentinfo` landmark in the accessibility tree (a `<footer>` that is
    not scoped to sectioning content, or `role="contentinfo"`) is the target: it fails when
    a later one follows, and the reason names the next. One finding a page, on the element
    axe-core reports; the later landmarks are not targets.

    ## Why it matters
    Screen-reader users jump to the site footer with one key; with two `contentinfo` landmarks they
    cannot tell which one is the page's, and skip navigation lands on the wrong one.

    ## Fails
        <footer>©</footer><footer>Again</footer>

    ## Passes
        <main>…</main><footer>©</footer>

    ## Limitations
    Landmarks added by scripts are not seen; landmarks hidden only by style sheets outside
    the upload still count.
    """

    meta = RuleMeta(
        id="landmark-no-duplicate-contentinfo",
        name="A page has at most one contentinfo landmark",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )
    landmark_role = "contentinfo"
    only_one = ONLY_ONE
    duplicate = DUPLICATE
