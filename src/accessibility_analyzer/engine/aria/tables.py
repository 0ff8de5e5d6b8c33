"""HTML tables: which table a cell belongs to, and the cells of a table (HTML §4.9.12).

Cells of a nested table belong to the nested table, not to the outer one; the ``headers``
attribute (ACT rule a25f45) may only refer to cells of the cell's own table.
"""

from __future__ import annotations

from accessibility_analyzer.engine.aria._memo import inherited, memoised
from accessibility_analyzer.engine.dom import Element, Page

_CELL_TAGS = frozenset({"td", "th"})


def owning_table(page: Page, element: Element) -> Element | None:
    """The nearest ``<table>`` ancestor of ``element`` (``None`` outside tables)."""

    def compute(node: Element, parent_value: Element | None) -> Element | None:
        parent = node.parent
        if parent is not None and parent.is_html and parent.tag == "table":
            return parent
        return parent_value

    return inherited(page, "aria.owning_table", element, compute)


def table_cells(page: Page, table: Element) -> list[Element]:
    """The ``td``/``th`` cells of ``table`` itself (nested tables' cells excluded)."""

    def compute(node: Element) -> list[Element]:
        cells: list[Element] = []
        stack = list(reversed(list(node.element_children())))
        while stack:
            element = stack.pop()
            if element.is_html and element.tag == "table":
                continue
            if element.is_html and element.tag in _CELL_TAGS:
                cells.append(element)
            stack.extend(reversed(list(element.element_children())))
        return cells

    return memoised(page, "aria.table_cells", table, compute)


def is_cell_of(page: Page, cell: Element, table: Element) -> bool:
    """Whether ``cell`` is a ``td``/``th`` of ``table`` (not of a table nested in it)."""
    return cell.is_html and cell.tag in _CELL_TAGS and owning_table(page, cell) is table
