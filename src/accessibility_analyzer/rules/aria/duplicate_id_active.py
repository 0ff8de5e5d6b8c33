"""duplicate-id-active: focusable elements have unique ids."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_focusable
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.aria._shared import may_be_focusable, referenced_ids

UNIQUE = Diagnostic.passed("The focusable element's id is unique")
DUPLICATE = Diagnostic.failed(
    "Ids of active, focusable elements must be unique",
    fix_hint="Give each focusable element its own id (scripts and fragment links find the first).",
)


class DuplicateIdActive(Rule):
    """Ids of active, focusable elements must be unique.

    ## What it checks
    Every focusable element with a non-empty `id` that no ARIA attribute or label refers to
    (those are checked by `duplicate-id-aria`) is the only element of the page with that id.

    ## Why it matters
    Scripts, fragment links (`#id`) and assistive technology that follow an id reach the
    first element with it: the second control never gets the focus or the behaviour meant
    for it.

    ## Fails
        <button id="save">Save</button><a id="save" href="/draft">Save draft</a>

    ## Passes
        <button id="save">Save</button><a id="save-draft" href="/draft">Save draft</a>

    ## Limitations
    Ids created by scripts, and ids inside templates and shadow DOM, are not seen; WCAG 2.2
    made 4.1.1 Parsing obsolete, so this is a best practice.
    """

    meta = RuleMeta(
        id="duplicate-id-active",
        name="Ids of focusable elements are unique",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.parsing", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Focusable elements with an id that no ARIA attribute or label references."""
        referenced = referenced_ids(page)
        for element in page.elements:
            element_id = element.attrs.get("id")
            if (
                element_id
                and element_id not in referenced
                and may_be_focusable(element)
                and is_focusable(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No other element has the same id."""
        element_id = target.attrs.get("id", "")
        count = len(page.by_id(element_id))
        reason = f'id="{element_id[:60]}"'
        if count > 1:
            return Verdict(DUPLICATE, f"{reason} is used {count} times")
        return Verdict(UNIQUE, reason)
