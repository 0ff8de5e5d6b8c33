"""The grid of a table or grid (HTML §4.9.12 table model, extended to ARIA rows and cells).

Rows are the elements with role ``row`` under the table (through row groups and generic
wrappers, never into a nested table); cells are their children with a cell or header role.
``colspan``/``rowspan`` of ``td``/``th`` span slots as in HTML. Header assignment follows
HTML's algorithm in its simple form: a data cell's headers are those its ``headers``
attribute names, or else the column headers above it and the row headers left of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessibility_analyzer.engine.aria import role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES

HEADER_ROLES = frozenset({"columnheader", "rowheader"})
DATA_ROLES = frozenset({"cell", "gridcell"})
TABLE_ROLES = frozenset({"table", "grid", "treegrid"})
_CELL_ROLES = HEADER_ROLES | DATA_ROLES
_WRAPPER_ROLES: frozenset[str | None] = frozenset(
    {None, "generic", "rowgroup", *PRESENTATIONAL_ROLES}
)
_MAX_SPAN = 1000  # HTML clamps colspan at 1000 and rowspan at 65534
_MAX_SLOTS = 200_000  # a grid larger than this is cut (pathological spans)


@dataclass(frozen=True)
class GridCell:
    """A cell and the slots it covers: rows ``row`` .. ``row + rowspan - 1``, same for cols."""

    element: Element
    role: str
    row: int
    col: int
    rowspan: int
    colspan: int

    def covers_column_of(self, other: GridCell) -> bool:
        """Whether the two cells share a column."""
        return self.col < other.col + other.colspan and other.col < self.col + self.colspan

    def covers_row_of(self, other: GridCell) -> bool:
        """Whether the two cells share a row."""
        return self.row < other.row + other.rowspan and other.row < self.row + self.rowspan


def _span(element: Element, name: str) -> int:
    if not (element.is_html and element.tag in ("td", "th")):
        return 1
    value = (element.attrs.get(name) or "").strip()
    return min(max(int(value), 1), _MAX_SPAN) if value.isdigit() else 1


def _children_with_roles(page: Page, parent: Element, wanted: frozenset[str]) -> list[Element]:
    """Descendants with a wanted role, through wrappers, not into nested tables."""
    found: list[Element] = []
    stack = list(reversed(list(parent.element_children())))
    while stack:
        element = stack.pop()
        role = role_of(page, element)
        if role in wanted:
            found.append(element)
        elif role in _WRAPPER_ROLES and not (element.is_html and element.tag == "table"):
            stack.extend(reversed(list(element.element_children())))
    return found


def _build(page: Page, table: Element) -> list[GridCell]:
    cells: list[GridCell] = []
    occupied: set[tuple[int, int]] = set()
    rows = _children_with_roles(page, table, frozenset({"row"}))
    for row_index, row in enumerate(rows):
        col = 0
        for element in _children_with_roles(page, row, _CELL_ROLES):
            while (row_index, col) in occupied:
                col += 1
            rowspan, colspan = _span(element, "rowspan"), _span(element, "colspan")
            rowspan = min(rowspan, len(rows) - row_index)
            if len(occupied) + rowspan * colspan > _MAX_SLOTS:
                return cells
            for r in range(row_index, row_index + rowspan):
                for c in range(col, col + colspan):
                    occupied.add((r, c))
            role = role_of(page, element) or "cell"
            cells.append(GridCell(element, role, row_index, col, rowspan, colspan))
            col += colspan
    return cells


def table_grid(page: Page, table: Element) -> list[GridCell]:
    """The cells of ``table`` with their slots (memoised per table)."""
    memo: dict[int, list[GridCell]] = page.memo_table("rules.table_grid")
    found = memo.get(table.order)
    if found is None:
        found = memo[table.order] = _build(page, table)
    return found


def grid_size(cells: list[GridCell]) -> tuple[int, int]:
    """(rows, columns) the cells cover."""
    rows = max((cell.row + cell.rowspan for cell in cells), default=0)
    cols = max((cell.col + cell.colspan for cell in cells), default=0)
    return rows, cols


def nearest_table(page: Page, element: Element) -> Element | None:
    """The closest ancestor with a table, grid or treegrid role."""
    node = element.parent
    while node is not None:
        if role_of(page, node) in TABLE_ROLES:
            return node
        node = node.parent
    return None


@dataclass(frozen=True)
class _HeaderIndex:
    """Where a table's header cells are, so a cell's headers are found without a full scan."""

    cells: list[GridCell]
    position: dict[int, int]  # element order -> index in ``cells``
    by_column: dict[int, list[int]]  # column -> indexes of the column headers covering it
    by_row: dict[int, list[int]]  # row -> indexes of the row headers covering it
    by_id: dict[str, list[int]]  # id -> indexes of the header cells with that id


def _header_index(page: Page, cells: list[GridCell]) -> _HeaderIndex:
    # Keyed by the list's identity: ``table_grid`` keeps one list per table for the page.
    memo: dict[int, _HeaderIndex] = page.memo_table("rules.table_headers")
    index = memo.get(id(cells))
    if index is not None and index.cells is cells:
        return index
    index = _HeaderIndex(cells, {}, {}, {}, {})
    for number, cell in enumerate(cells):
        index.position[cell.element.order] = number
        if cell.role not in HEADER_ROLES:
            continue
        cell_id = cell.element.attrs.get("id")
        if cell_id is not None:
            index.by_id.setdefault(cell_id, []).append(number)
        if cell.role == "columnheader":
            for col in range(cell.col, cell.col + cell.colspan):
                index.by_column.setdefault(col, []).append(number)
        else:
            for row in range(cell.row, cell.row + cell.rowspan):
                index.by_row.setdefault(row, []).append(number)
    memo[id(cells)] = index
    return index


def cell_of(page: Page, cells: list[GridCell], element: Element) -> GridCell | None:
    """The grid cell of ``element`` (``cells`` from :func:`table_grid`), if it is one."""
    number = _header_index(page, cells).position.get(element.order)
    return None if number is None else cells[number]


def headers_of(page: Page, cells: list[GridCell], data: GridCell) -> list[GridCell]:
    """The header cells assigned to a data cell (its ``headers``, else by position).

    In grid order, as a scan of every cell would list them; found through an index, so a
    table costs time linear in its cells, not quadratic.
    """
    index = _header_index(page, cells)
    tokens = (data.element.attrs.get("headers") or "").split()
    found: set[int] = set()
    if tokens:
        for token in set(tokens):
            found.update(index.by_id.get(token, ()))
        return [cells[number] for number in sorted(found)]
    for col in range(data.col, data.col + data.colspan):
        found.update(n for n in index.by_column.get(col, ()) if cells[n].row < data.row)
    for row in range(data.row, data.row + data.rowspan):
        found.update(n for n in index.by_row.get(row, ()) if cells[n].col < data.col)
    return [cells[number] for number in sorted(found)]
