"""link-purpose-in-context: a link's name with its context says where it leads (asks)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.questions import LINK_PURPOSE_IN_CONTEXT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import LINK_ROLES
from accessibility_analyzer.rules._common import exposed_elements_with_role
from accessibility_analyzer.rules.purpose._purpose import shown_name

DESCRIPTIVE = Diagnostic.passed("The link's name and context say where it leads")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "A link's name, with its context, must describe where it leads or what it does",
    fix_hint='Name the destination in the link or in its sentence ("Read the product '
    'description", not "More").',
)


class LinkPurposeInContext(Rule):
    """The name of a link, with its programmatic context, must describe its purpose.

    ## What it checks
    Every HTML or SVG element with the role `link` (or one inheriting from it) in the
    accessibility tree with a non-empty accessible name asks the question
    `link-purpose-in-context`: with the sentence, paragraph, list item or table cell it is
    in, its description, or the heading above it, does the link say where it leads? Without
    an answer, `cantTell`.

    ## Why it matters
    A link whose purpose cannot be worked out even in context leaves everyone guessing
    (WCAG 2.4.4 Link Purpose (In Context)).

    ## Fails
        <a href="#desc">More</a> <p>This product consists of several pages.</p>
        (per the oracle)

    ## Passes
        <p>See the description of <a href="#desc">this product</a>.</p>  (per the oracle)

    ## Limitations
    Needs judgement for every link: off by default (tag `experimental`).
    """

    meta = RuleMeta(
        id="link-purpose-in-context",
        name="Link names in their context describe their purpose",
        wcag=("2.4.4",),
        act_rules=("5effbb",),
        impact=Impact.SERIOUS,
        tags=("cat.name-role-value", "wcag2a", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed links with a name."""
        for element in exposed_elements_with_role(page, LINK_ROLES, html_only=False):
            if element.namespace is not Namespace.MATHML and shown_name(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges; the reason quotes the name."""
        verdict = self.ask(
            oracle, LINK_PURPOSE_IN_CONTEXT, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
        if verdict.question is None:
            return verdict
        return replace(verdict, reason=f'{verdict.reason}; link "{shown_name(page, target)}"')
