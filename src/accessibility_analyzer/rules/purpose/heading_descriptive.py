"""heading-descriptive: headings describe the content they introduce (asks an oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, is_visible
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import HEADING_IS_DESCRIPTIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import elements_with_roles
from accessibility_analyzer.rules.purpose._purpose import shown_name

DESCRIPTIVE = Diagnostic.passed("The heading describes its section")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "A heading must describe the topic or purpose of the content it introduces",
    fix_hint="Reword the heading after what its section is about.",
)
_HEADING = frozenset({"heading"})


class HeadingDescriptive(Rule):
    """Headings must describe the topic or purpose of their section.

    ## What it checks
    Every element with the role `heading` that is visible or in the accessibility tree and
    has a non-empty accessible name asks the question `heading-is-descriptive`. Without an
    answer, `cantTell`. Empty headings are `empty-heading`'s business.

    ## Why it matters
    Screen-reader users move through a page by its headings, and everyone scans them: a
    heading that does not say what follows sends them to the wrong place (WCAG 2.4.6
    Headings and Labels).

    ## Fails
        <h1>Weather</h1> <p>We are open Monday through Friday from 10 to 16</p>
        (per the oracle)

    ## Passes
        <h1>Opening hours</h1> <p>We are open Monday through Friday from 10 to 16</p>
        (per the oracle)

    ## Limitations
    Needs judgement for every heading: off by default (tag `experimental`), run it with
    `--rules heading-descriptive` or `--tags experimental` when an oracle will answer.
    """

    meta = RuleMeta(
        id="heading-descriptive",
        name="Headings describe their section",
        wcag=("2.4.6",),
        act_rules=("b49b2e",),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "wcag2aa", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Headings that are visible or exposed, with a name."""
        for element in elements_with_roles(page, _HEADING):
            shown = is_visible(page, element) is not False
            if (shown or is_included_in_accessibility_tree(page, element)) and shown_name(
                page, element
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges; the reason quotes the heading."""
        verdict = self.ask(
            oracle, HEADING_IS_DESCRIPTIVE, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
        if verdict.question is None:
            return verdict
        return verdict.with_reason(f'{verdict.reason}; heading "{shown_name(page, target)}"')
