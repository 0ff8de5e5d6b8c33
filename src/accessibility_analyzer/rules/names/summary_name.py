"""summary-name: ``<summary>`` elements that toggle a ``<details>`` have a name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role,
    has_presentational_conflict,
    is_included_in_accessibility_tree,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule

HAS_NAME = Diagnostic.passed("The summary has an accessible name")
NO_NAME = Diagnostic.failed(
    "A summary element must have an accessible name",
    fix_hint="Put text inside the <summary> saying what the details contain.",
)


def is_summary_for_parent_details(element: Element) -> bool:
    """HTML "summary for its parent details": the first ``summary`` child of a ``details``."""
    parent = element.parent
    if parent is None or not parent.is_html or parent.tag != "details":
        return False
    for child in parent.element_children():
        if child.is_html and child.tag == "summary":
            return child is element
    return False


class SummaryName(NonEmptyNameRule):
    """Summary elements must have an accessible name.

    ## What it checks
    Every `<summary>` that works as the toggle of its parent `<details>` (the first `<summary>`
    child), is included in the accessibility tree and has no explicit role (or one ignored
    because of a presentational role conflict) has a non-empty accessible name. The disclosure
    triangle (`::marker`) does not count as a name.

    ## Why it matters
    The summary is the button that opens and closes the details; without a name screen-reader
    users hear an unlabelled control (WCAG 4.1.2 Name, Role, Value).

    ## Fails
        <details><summary></summary><p>We are open 24/7.</p></details>

    ## Passes
        <details><summary>Opening times</summary><p>We are open 24/7.</p></details>

    ## Limitations
    A summary with an explicit role is left to that role's rule (`button-name` for
    `role="button"`).
    """

    meta = RuleMeta(
        id="summary-name",
        name="Summary elements have an accessible name",
        wcag=("4.1.2",),
        act_rules=("2t702h",),
        impact=Impact.SERIOUS,
        tags=("cat.names", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """Toggle summaries without an effective explicit role, in the accessibility tree."""
        for element in page.by_tag("summary"):
            if (
                element.is_html
                and is_summary_for_parent_details(element)
                and (
                    explicit_role(page, element) is None
                    or has_presentational_conflict(page, element)
                )
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element
