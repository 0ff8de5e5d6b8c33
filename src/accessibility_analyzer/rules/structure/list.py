"""list: ``ul``, ``ol`` and ``menu`` hold only list items (and script-supporting elements)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role,
    is_hidden,
    is_programmatically_hidden,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import listing
from accessibility_analyzer.rules.structure._lists import LIST_TAGS

# Elements that render nothing in a list and are allowed there by HTML.
_SCRIPT_SUPPORTING = frozenset({"script", "template"})
_ITEM_ROLES = frozenset({None, "listitem"})

ONLY_ITEMS = Diagnostic.passed("The list contains only list items")
OTHER_CONTENT = Diagnostic.failed(
    "Lists must contain only li elements (and script or template)",
    fix_hint="Wrap each entry in <li>, move other content out of the list, and keep li roles.",
)


def _wrong_children(page: Page, element: Element) -> list[str]:
    """Descriptions of the direct children that do not belong in a list."""
    wrong: list[str] = []
    for child in element.children:
        if isinstance(child, Text):
            if child.data.strip():
                wrong.append("text")
            continue
        if not child.is_html or child.tag in _SCRIPT_SUPPORTING or is_hidden(page, child):
            continue
        role = explicit_role(page, child)
        if child.tag == "li" and role in _ITEM_ROLES:
            continue
        if role == "listitem":
            continue
        wrong.append(f'{child.tag} role="{role}"' if role else child.tag)
    return wrong


class List(Rule):
    """Lists must contain only list items.

    ## What it checks
    Every rendered `<ul>`, `<ol>` and `<menu>` that keeps the list role has, as direct
    children, only `<li>` elements (without a role other than `listitem`), elements with
    `role="listitem"`, `<script>`/`<template>`, and hidden elements; no other element and no
    text. Lists whose role the author changed (`role="navigation"`, `role="none"`) are left to
    the ARIA rules.

    ## Why it matters
    Screen readers announce "list, 3 items" and let users jump between items; other children
    break the count and the navigation, and the structure is lost (WCAG 1.3.1 Info and
    Relationships).

    ## Fails
        <ul><div>Apples</div></ul>
        <ol><li>One</li>Two</ol>

    ## Passes
        <ul><li>Apples</li><li>Pears</li></ul>
        <ol><li>One</li><script>…</script></ol>

    ## Limitations
    Children added by scripts are not seen.
    """

    meta = RuleMeta(
        id="list",
        name="Lists contain only list items",
        wcag=("1.3.1",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Rendered HTML ul/ol/menu elements whose role is list."""
        for element in page.elements:
            if (
                element.tag in LIST_TAGS
                and element.is_html
                and role_of(page, element) == "list"
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every direct child is a list item, script-supporting or hidden."""
        wrong = _wrong_children(page, target)
        if wrong:
            return Verdict(OTHER_CONTENT, f"contains {listing(wrong)}")
        return Verdict(ONLY_ITEMS)
