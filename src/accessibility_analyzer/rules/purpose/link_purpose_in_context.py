"""link-purpose-in-context: a link's name with its context says where it leads (asks)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import LINK_PURPOSE_IN_CONTEXT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.purpose._purpose import ask_about_link, named_links

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
        return named_links(page)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges; the reason quotes the name."""
        return ask_about_link(
            self, oracle, LINK_PURPOSE_IN_CONTEXT, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
