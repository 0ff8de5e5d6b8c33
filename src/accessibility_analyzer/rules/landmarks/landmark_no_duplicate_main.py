"""landmark-no-duplicate-main: a page has at most one main landmark."""

from __future__ import annotations

from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.landmarks._shared import NoDuplicateLandmarkRule

ONLY_ONE = Diagnostic.passed("This is the page's only main landmark")
DUPLICATE = Diagnostic.failed(
    "A page should have at most one main landmark",
    fix_hint=(
        'Keep one main content landmark (main or role="main"); '
        "make the others plain content or another landmark."
    ),
)


class LandmarkNoDuplicateMain(NoDuplicateLandmarkRule):
    """A page should not have more than one main landmark.

    ## What it checks
    The page's first `main` landmark in the accessibility tree (a `<main>` that is not
    scoped to sectioning content, or `role="main"`) is the target: it fails when a later one
    follows, and the reason names the next. One finding a page, on the element axe-core
    reports; the later landmarks are not targets.

    ## Why it matters
    Screen-reader users jump to the main content with one key; with two `main` landmarks they
    cannot tell which one is the page's, and skip navigation lands on the wrong one.

    ## Fails
        <main>One</main><main>Two</main>

    ## Passes
        <main>…</main>

    ## Limitations
    Landmarks added by scripts are not seen; landmarks hidden only by style sheets outside
    the upload still count.
    """

    meta = RuleMeta(
        id="landmark-no-duplicate-main",
        name="A page has at most one main landmark",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )
    landmark_role = "main"
    only_one = ONLY_ONE
    duplicate = DUPLICATE
