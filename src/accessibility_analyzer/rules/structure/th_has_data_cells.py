"""th-has-data-cells: every table header cell is assigned to at least one data cell."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, is_visible
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import elements_with_roles
from accessibility_analyzer.rules.structure._tables import (
    HEADER_ROLES,
    headers_of,
    nearest_table,
    table_grid,
)

# ACT d0f69e: a header must be assigned to an element whose role *inherits* from cell, and
# columnheader and rowheader do: the corner "Outcome" header over a column of row headers
# passes (axe agrees).
ASSIGNABLE_ROLES = frozenset({"cell", "gridcell", "columnheader", "rowheader"})

HAS_CELLS = Diagnostic.passed("The header cell is assigned to data cells")
NO_CELLS = Diagnostic.failed(
    "Table header cells must be assigned to at least one data cell",
    fix_hint=(
        "Add the data cells the header describes, make the cell a data cell (td), or point "
        "cells at it with headers."
    ),
)
MAY_BE_INVISIBLE = Diagnostic.cant_tell(
    "The header cell has no data cells, but it may be invisible (then it does not matter)"
)


def _first_rows_assigned(page: Page, table: Element) -> dict[int, int]:
    """Per header cell (element order), the row of the first cell it is assigned to.

    Built once per table (memoised): asking each header cell in turn to scan every cell's
    headers made a long table cost time quadratic in its cells.
    """
    memo: dict[int, dict[int, int]] = page.memo_table("rules.th_first_rows_assigned")
    found = memo.get(table.order)
    if found is not None:
        return found
    found = memo[table.order] = {}
    cells = table_grid(page, table)
    for data in cells:
        if data.role not in ASSIGNABLE_ROLES:
            continue
        for header in headers_of(page, cells, data):
            if header.element is not data.element:
                found.setdefault(header.element.order, data.row)
    return found


class ThHasDataCells(Rule):
    """Table header cells must be assigned to data cells.

    ## What it checks
    Every HTML element with the semantic role `columnheader` or `rowheader` (a `th`, or the
    roles) that is visible and in the accessibility tree, inside a table or grid that is in
    the accessibility tree, is a header of at least one data cell: a cell below it in its
    column (column headers), right of it in its row (row headers), or a cell whose `headers`
    attribute names it.

    ## Why it matters
    A header without cells announces nothing useful and suggests a structure the table does
    not have; often cells are missing or a data cell was marked up as `th` (WCAG 1.3.1).

    ## Fails
        <table><tr><th>Rate</th><th>Value</th></tr><tr><td>15%</td></tr></table>

    ## Passes
        <table><tr><th>Time</th></tr><tr><td>05:41</td></tr></table>
        <table><tr><th>A</th><th>B</th></tr><tr><td colspan="2">15%</td></tr></table>

    ## Limitations
    Header scope follows the engine's `th` roles (`scope`, or position); `rowspan="0"` spans
    one row. When the header's visibility depends on layout, a header without cells is
    `cantTell`.
    """

    meta = RuleMeta(
        id="th-has-data-cells",
        name="Table header cells are assigned to data cells",
        wcag=("1.3.1",),
        act_rules=("d0f69e",),
        impact=Impact.SERIOUS,
        tags=("cat.tables", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible, exposed header cells of exposed tables and grids."""
        for element in elements_with_roles(page, HEADER_ROLES):
            if not element.is_html or is_visible(page, element) is False:
                continue
            table = nearest_table(page, element)
            if (
                table is not None
                and is_included_in_accessibility_tree(page, element)
                and is_included_in_accessibility_tree(page, table)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Some data cell of the table has the target among its headers."""
        table = nearest_table(page, target)
        assert table is not None  # applicability guarantees it
        row = _first_rows_assigned(page, table).get(target.order)
        if row is not None:
            return Verdict(HAS_CELLS, f"header of the cell at row {row + 1}")
        if is_visible(page, target) is None:
            return Verdict(MAY_BE_INVISIBLE, "no data cell below, beside or pointing at it")
        return Verdict(NO_CELLS, "no data cell below, beside or pointing at it")
