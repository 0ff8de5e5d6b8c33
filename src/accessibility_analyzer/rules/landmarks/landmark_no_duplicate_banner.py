"""landmark-no-duplicate-banner: a page has at most one banner landmark."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.landmarks._shared import NoDuplicateLandmarkRule

ONLY_ONE = Diagnostic.passed("This is the page's only banner landmark")
DUPLICATE = Diagnostic.failed(
    "A page should have at most one banner landmark",
    fix_hint=(
        'Keep one site header landmark (header or role="banner"); '
        "make the others plain content or another landmark."
    ),
)


class LandmarkNoDuplicateBanner(NoDuplicateLandmarkRule):
    """A page should not have more than one banner landmark.

    ## What it checks
    The page's first `banner` landmark in the accessibility tree (a `<header>` that is not
    scoped to sectioning content, or `role="banner"`) is the target: it fails when a later
    one follows, and the reason names the next. One finding a page, on the element axe-core
    reports; the later landmarks are not targets.

    ## Why it matters
    Screen-reader users jump to the site header with one key; with two `banner` landmarks they
    cannot tell which one is the page's, and skip navigation lands on the wrong one.

    ## Fails
        <header>Site</header><header>Again</header>

    ## Passes
        <header>Site</header><main>…</main>

    ## Limitations
    Landmarks added by scripts are not seen; landmarks hidden only by style sheets outside
    the upload still count.
    """

    meta = RuleMeta(
        id="landmark-no-duplicate-banner",
        name="A page has at most one banner landmark",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )
    landmark_role = "banner"
    only_one = ONLY_ONE
    duplicate = DUPLICATE
