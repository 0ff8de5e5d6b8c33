"""identical-links-same-purpose: links with the same name lead to equivalent resources."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import LINKS_SAME_PURPOSE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import listing
from accessibility_analyzer.rules.names._links import destination, link_sets, matching_name

SAME_PURPOSE = Diagnostic.passed("Links with this name lead to the same resource")
DIFFERENT_PURPOSE = Diagnostic.failed(
    "Links with the same accessible name should serve the same purpose",
    fix_hint=(
        'Name each link after its own destination ("Contact sales", "Contact support"), or '
        "point them at the same resource."
    ),
)
_MAX_NAME = 60


class IdenticalLinksSamePurpose(Rule):
    """Links with the same accessible name should serve a similar purpose.

    ## What it checks
    For every set of two or more links (HTML or SVG elements with the role `link` or a role
    inheriting from it) in the accessibility tree whose accessible names match (ignoring
    case and extra whitespace), the set's first link is the target: it passes when every
    link of the set resolves to the same URL (query and fragment included). When the URLs
    differ, or a link has no `href` (a scripted link), whether the resources are equivalent
    is a question for the oracle (`links-same-purpose`): without an answer, `cantTell`.

    ## Why it matters
    Screen-reader users often list a page's links by name: two "Contact us" links that go to
    different places cannot be told apart (WCAG 2.4.9 Link Purpose (Link Only); in the same
    context, 2.4.4).

    ## Fails
        <a href="/sales/contact">Contact us</a> <a href="/support/contact">Contact us</a>
        (when the oracle says the two pages serve different purposes)

    ## Passes
        <a href="/contact">Contact us</a> <a href="/contact">Contact us</a>

    ## Limitations
    Resources are not fetched: different URLs (even `/a` and `/a/`) are never assumed
    equivalent, and redirects are not followed. Links with the same name *and* context
    (WCAG 2.4.4, ACT fd3a94) are `identical-links-same-context`'s business.
    """

    meta = RuleMeta(
        id="identical-links-same-purpose",
        name="Links with the same name serve the same purpose",
        wcag=("2.4.9",),
        act_rules=("b20e66",),
        impact=Impact.MINOR,
        tags=("cat.semantics", "wcag2aaa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first link of each set of exposed links with matching non-empty names."""
        firsts = [links[0] for links in link_sets(page).values()]
        yield from sorted(firsts, key=lambda element: element.order)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """One destination for the whole set; else the oracle decides."""
        name = matching_name(page, target)
        links = link_sets(page)[name]
        destinations = {destination(page, link) for link in links}
        shown = f'{len(links)} links named "{name[:_MAX_NAME]}"'
        if None not in destinations and len(destinations) == 1:
            return Verdict(SAME_PURPOSE, f"{shown} lead to {destinations.pop()}")
        verdict = self.ask(
            oracle, LINKS_SAME_PURPOSE, page, target, yes=SAME_PURPOSE, no=DIFFERENT_PURPOSE
        )
        if verdict.question is None:
            return verdict
        targets = sorted(where or "(a scripted link)" for where in destinations)
        return verdict.with_reason(f"{shown} lead to {listing(targets)}")
