"""link-descriptive: a link's name alone says where it leads (asks an oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import LINK_IS_DESCRIPTIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.purpose._purpose import ask_about_link, named_links

DESCRIPTIVE = Diagnostic.passed("The link's name says where it leads")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "A link's name alone must describe where it leads or what it does",
    fix_hint='Name the destination in the link ("Product description", not "More").',
)


class LinkDescriptive(Rule):
    """The name of a link alone must describe its purpose.

    ## What it checks
    Every HTML or SVG element with the role `link` (or one inheriting from it) in the
    accessibility tree with a non-empty accessible name asks the question
    `link-is-descriptive`: does the name alone, without the surrounding text, say where
    the link leads? Without an answer, `cantTell`.

    ## Why it matters
    Screen-reader users list links out of context; "More", "here" and "HTML" say nothing
    there (WCAG 2.4.9 Link Purpose (Link Only), level AAA).

    ## Fails
        <a href="#desc">More</a>  (per the oracle)

    ## Passes
        <a href="#desc">See the description of this product</a>  (per the oracle)

    ## Limitations
    Needs judgement for every link: off by default (tag `experimental`). Links without a
    name are `link-name`'s business.
    """

    meta = RuleMeta(
        id="link-descriptive",
        name="Link names alone describe their purpose",
        wcag=("2.4.9",),
        act_rules=("aizyf1",),
        impact=Impact.MINOR,
        tags=("cat.name-role-value", "wcag2aaa", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed links with a name."""
        return named_links(page)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges; the reason quotes the name."""
        return ask_about_link(
            self, oracle, LINK_IS_DESCRIPTIVE, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
