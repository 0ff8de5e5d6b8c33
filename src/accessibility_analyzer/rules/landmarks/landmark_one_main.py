"""landmark-one-main: the page has a main landmark."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.landmarks._shared import PageLevelRule, landmarks_with_role

HAS_MAIN = Diagnostic.passed("The page has a main landmark")
NO_MAIN = Diagnostic.failed(
    "A page should have a main landmark",
    fix_hint='Wrap the page\'s main content in <main> (or an element with role="main").',
)


class LandmarkOneMain(PageLevelRule):
    """A page should have a main landmark.

    ## What it checks
    The HTML page (its `<html>` element is the target) has at least one `main` landmark in
    the accessibility tree: a `<main>` element or `role="main"`.

    ## Why it matters
    Screen-reader users jump straight to the main content through the `main` landmark;
    without one they have to read or tab through the header and navigation of every page.

    ## Fails
        <body><div class="content"><h1>Prices</h1></div></body>
        <body><main hidden><h1>Prices</h1></main></body>

    ## Passes
        <body><header>…</header><main><h1>Prices</h1></main></body>
        <body><div role="main"><h1>Prices</h1></div></body>

    ## Limitations
    Pages meant to be shown inside a frame of another page are checked like any page; a
    `main` hidden only by a style sheet outside the upload still counts.
    """

    meta = RuleMeta(
        id="landmark-one-main",
        name="The page has a main landmark",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """At least one main landmark is in the accessibility tree."""
        found = landmarks_with_role(page, "main")
        if found:
            return Verdict(HAS_MAIN, f"main landmark {describe(found[0])}")
        return Verdict(NO_MAIN, "no <main> or role=main in the accessibility tree")
