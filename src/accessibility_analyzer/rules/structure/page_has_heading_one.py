"""page-has-heading-one: the page has a level-one heading."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import exposed_elements_with_role, is_html_document
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.structure._headings import heading_level

_HEADING = frozenset({"heading"})

HAS_H1 = Diagnostic.passed("The page has a level-one heading")
NO_H1 = Diagnostic.failed(
    "A page should have a level-one heading",
    fix_hint="Start the main content with an <h1> that says what the page is about.",
)


class PageHasHeadingOne(Rule):
    """A page should contain a level-one heading.

    ## What it checks
    The HTML page (its `<html>` element is the target) has at least one heading of level 1 in
    the accessibility tree: an `<h1>`, or `role="heading"` with `aria-level="1"`.

    ## Why it matters
    Screen-reader users jump to the first level-one heading to find the page's main content;
    without one they have to guess where it starts.

    ## Fails
        <body><h2>Prices</h2></body>
        <body><h1 hidden>Prices</h1></body>

    ## Passes
        <body><h1>Prices</h1></body>
        <body><div role="heading" aria-level="1">Prices</div></body>

    ## Limitations
    A heading whose level scripts change is judged by its markup.
    """

    meta = RuleMeta(
        id="page-has-heading-one",
        name="The page has a level-one heading",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root element of an HTML page with a body."""
        if is_html_document(page) and any(body.is_html for body in page.by_tag("body")):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Some exposed heading has level 1."""
        for heading in exposed_elements_with_role(page, _HEADING):
            if heading_level(heading) == 1:
                return Verdict(HAS_H1, f"level-one heading {describe(heading)}")
        return Verdict(NO_H1, "no heading of level 1 in the accessibility tree")
