"""td-headers-attr: ``headers`` refer to cells of the same table, never to the cell itself."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    is_cell_of,
    is_included_in_accessibility_tree,
    is_visible,
    owning_table,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import listing

_TABLE_ROLES = frozenset({"table", "grid", "treegrid"})
_CELL_TAGS = frozenset({"td", "th"})

SAME_TABLE = Diagnostic.passed("The headers attribute refers to other cells of the same table")
WRONG_REFERENCE = Diagnostic.failed(
    "The headers attribute must refer only to other cells of the same table",
    fix_hint=(
        "Point headers at the ids of header cells (th) in this table, and never at the cell itself."
    ),
)
TABLE_MAY_BE_INVISIBLE = Diagnostic.cant_tell(
    "The headers attribute is wrong, but the table may be invisible (then it does not matter)"
)


def _table_of(page: Page, cell: Element) -> Element | None:
    """The table a cell belongs to, when it is exposed as a table, grid or treegrid."""
    table = owning_table(page, cell)
    if (
        table is None
        or role_of(page, table) not in _TABLE_ROLES
        or not is_included_in_accessibility_tree(page, table)
        or is_visible(page, table) is False
    ):
        return None
    return table


def _problems(page: Page, cell: Element, table: Element) -> list[str]:
    own_id = cell.attrs.get("id")
    problems: list[str] = []
    for token in (cell.attrs.get("headers") or "").split():
        if token == own_id:
            problems.append(f"{token} (the cell itself)")
        elif not any(is_cell_of(page, found, table) for found in page.by_id(token)):
            problems.append(f"{token} (not a cell of this table)")
    return problems


class TdHeadersAttr(Rule):
    """Headers attributes must refer to cells in the same table.

    ## What it checks
    Every `headers` attribute on a `td` or `th` of a visible table exposed as a table, grid
    or treegrid lists only ids of other cells of that same table (cells of nested tables do
    not count), and never the id of the cell carrying it.

    ## Why it matters
    Screen readers announce a cell's headers from this attribute; a reference to a missing
    cell, to another table or to the cell itself announces wrong or no headers, and the
    relationship the author marked up is lost (WCAG 1.3.1 Info and Relationships).

    ## Fails
        <table><tr><th id="name">Name</th></tr><tr><td headers="nmae">Ada</td></tr></table>
        <table><tr><td id="c" headers="c">Ada</td></tr></table>

    ## Passes
        <table><tr><th id="name">Name</th></tr><tr><td headers="name">Ada</td></tr></table>
        <table><tr><th id="a">A</th><th id="b" headers="a">B</th></tr></table>

    ## Limitations
    When the table's visibility depends on layout (moved off-screen, clipped by its
    container), a wrong reference is `cantTell`. Decided, with ACT a25f45: a reference to a
    `td` of the same table passes (browsers expose it as a header relation), although HTML
    says `headers` should point at `th` cells and axe-core fails it.
    """

    meta = RuleMeta(
        id="td-headers-attr",
        name="Headers attributes refer to cells of the same table",
        wcag=("1.3.1",),
        act_rules=("a25f45",),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """td/th cells with a headers attribute in a visible, exposed table."""
        for element in page.elements:
            if (
                "headers" in element.attrs
                and element.tag in _CELL_TAGS
                and element.is_html
                and _table_of(page, element) is not None
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every token is the id of another cell of the same table."""
        table = _table_of(page, target)
        assert table is not None  # applicability guarantees it
        problems = _problems(page, target, table)
        if not problems:
            return Verdict(SAME_TABLE, f'headers="{(target.attrs.get("headers") or "")[:80]}"')
        reason = f"wrong references: {listing(problems)}"
        if is_visible(page, table) is None:
            return Verdict(TABLE_MAY_BE_INVISIBLE, reason)
        return Verdict(WRONG_REFERENCE, reason)
