"""listitem: ``li`` elements are inside a list."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role,
    is_programmatically_hidden,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES
from accessibility_analyzer.rules.structure._lists import LIST_TAGS

_LIST_ROLES = frozenset({"list", "directory"})

IN_LIST = Diagnostic.passed("The list item is inside a list")
NOT_IN_LIST = Diagnostic.failed(
    "li elements must be contained in a ul, ol or menu",
    fix_hint="Put the li directly inside a <ul> or <ol>, or use another element.",
)


def _inherits_presentation(page: Page, element: Element) -> bool:
    """An ``li`` of a list marked ``role="none"`` is presentational too (nothing to check)."""
    parent = element.parent
    return (
        parent is not None
        and parent.tag in LIST_TAGS
        and explicit_role(page, parent) in PRESENTATIONAL_ROLES
        and role_of(page, parent) in PRESENTATIONAL_ROLES
    )


class Listitem(Rule):
    """List items must be contained in a list.

    ## What it checks
    Every rendered `<li>` without an explicit role is a child of a `<ul>`, `<ol>` or `<menu>`
    that keeps the list role, so browsers expose it as a list item. Items of a list marked
    `role="none"` are presentational and not checked; `li` with an authored role are left to
    the ARIA rules.

    ## Why it matters
    Outside a list an `li` is exposed as plain text: screen readers announce no list and no
    item count, and the grouping the author meant is lost (WCAG 1.3.1).

    ## Fails
        <div><li>Apples</li></div>
        <ul role="navigation"><li><a href="/">Home</a></li></ul>

    ## Passes
        <ul><li>Apples</li></ul>
        <ol><li>First</li></ol>

    ## Limitations
    Items moved into a list with `aria-owns` are still judged by their DOM parent.
    """

    meta = RuleMeta(
        id="listitem",
        name="List items are contained in a list",
        wcag=("1.3.1",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Rendered HTML li elements without an explicit role, not in a presentational list."""
        for element in page.by_tag("li"):
            if (
                element.is_html
                and explicit_role(page, element) is None
                and not _inherits_presentation(page, element)
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The li's parent is a ul/ol/menu exposed as a list."""
        parent = target.parent
        if parent is None:
            return Verdict(NOT_IN_LIST, "no parent")
        parent_role = role_of(page, parent)
        in_list = parent.tag in LIST_TAGS and parent_role in _LIST_ROLES
        return Verdict(
            IN_LIST if in_list else NOT_IN_LIST,
            f"parent <{parent.tag}> has role {parent_role or 'generic'}",
        )
