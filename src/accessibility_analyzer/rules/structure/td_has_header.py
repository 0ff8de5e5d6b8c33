"""td-has-header: data cells of large data tables have a header."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import listing
from accessibility_analyzer.rules.structure._tables import (
    HEADER_ROLES,
    GridCell,
    cell_of,
    grid_size,
    headers_of,
    table_grid,
)

HAS_HEADER = Diagnostic.passed("The data cell has a header")
NO_HEADER = Diagnostic.failed(
    "Non-empty data cells in a table larger than 3 by 3 must have a header",
    fix_hint=(
        "Mark the first row and/or column as th (with scope), or point the cell at its "
        "headers with the headers attribute."
    ),
)
_MIN_SIZE = 3
_MANY_ROWS = 20  # axe-core takes a table this long for a data table
_HEADER_MARKUP = ("caption", "thead", "th")


def _is_data_table(page: Page, table: Element, cells: list[GridCell]) -> bool:
    """A table whose markup says it holds data: header cells, a caption, thead, summary,
    scope or headers attributes, or many rows. A bare grid of cells may be a layout table."""
    rows, cols = grid_size(cells)
    if rows < _MIN_SIZE or cols < _MIN_SIZE:
        return False
    if rows >= _MANY_ROWS or "summary" in table.attrs:
        return True
    if any(cell.role in HEADER_ROLES for cell in cells):
        return True
    return any(
        element.tag in _HEADER_MARKUP or "scope" in element.attrs or "headers" in element.attrs
        for element in table.descendants()
    )


def _data_table_cells(page: Page, table: Element) -> list[GridCell]:
    cells = table_grid(page, table)
    return cells if _is_data_table(page, table, cells) else []


class TdHasHeader(Rule):
    """Data cells in large data tables must have a header.

    ## What it checks
    In every HTML `<table>` in the accessibility tree exposed as a table, with at least 3
    rows and 3 columns and markup that says it holds data (header cells, a caption,
    `thead`, `summary`, `scope` or `headers`, or 20 rows or more), every `td` with text has
    at least one header: a column header above it, a row header left of it, or the cells
    its `headers` attribute names.

    ## Why it matters
    In a large table a screen-reader user hears each cell alone; without headers, "42" means
    nothing (WCAG 1.3.1 Info and Relationships).

    ## Fails
        <table><tr><th>Name</th><th>Age</th><th></th></tr>
        <tr><td>Ada</td><td>36</td><td>UK</td></tr><tr><td>Alan</td><td>41</td><td>UK</td></tr></table>

    ## Passes
        <table><tr><th>Name</th><th>Age</th><th>Land</th></tr>
        <tr><td>Ada</td><td>36</td><td>UK</td></tr><tr><td>Alan</td><td>41</td><td>UK</td></tr></table>

    ## Limitations
    A table without any header markup and under 20 rows is not checked: markup alone cannot
    tell it from a layout table (axe-core also looks at borders and colours).
    """

    meta = RuleMeta(
        id="td-has-header",
        name="Data cells of large tables have a header",
        wcag=("1.3.1",),
        act_rules=(),
        impact=Impact.CRITICAL,
        tags=("cat.tables", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Non-empty td cells of exposed data tables of 3 x 3 or more."""
        for table in page.by_tag("table"):
            if (
                not table.is_html
                or role_of(page, table) != "table"
                or not is_included_in_accessibility_tree(page, table)
            ):
                continue
            for cell in _data_table_cells(page, table):
                element = cell.element
                if element.tag == "td" and element.text_content().strip():
                    yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """At least one header cell is assigned to the cell."""
        table = next(node for node in target.ancestors() if node.tag == "table")
        cells = table_grid(page, table)
        data = cell_of(page, cells, target)
        assert data is not None  # applicability takes targets from this grid
        headers = headers_of(page, cells, data)
        if headers:
            names = [" ".join(h.element.text_content().split())[:40] for h in headers]
            return Verdict(HAS_HEADER, f"headers: {listing(names)}")
        return Verdict(NO_HEADER, f"row {data.row + 1}, column {data.col + 1} has no header")
