"""Table cells, their table, and the ``headers`` attribute's targets."""

from __future__ import annotations

from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    accessible_name,
    is_cell_of,
    owning_table,
    role_of,
    table_cells,
)

TABLE = """
<table id="outer">
  <tr><th id="h1">Name</th><th id="h2">Notes</th></tr>
  <tr><td id="c1" headers="h1">Ann</td>
      <td id="c2" headers="h2 inner-h">
        <table id="inner"><tr><th id="inner-h">Inner</th></tr>
        <tr><td id="inner-c" headers="h1">x</td></tr></table>
      </td></tr>
</table>
"""


def test_cells_belong_to_their_own_table() -> None:
    page = page_of(TABLE)
    outer, inner = by_id(page, "outer"), by_id(page, "inner")
    assert [cell.get("id") for cell in table_cells(page, outer)] == ["h1", "h2", "c1", "c2"]
    assert [cell.get("id") for cell in table_cells(page, inner)] == ["inner-h", "inner-c"]
    assert owning_table(page, by_id(page, "inner-c")) is inner
    assert owning_table(page, by_id(page, "c1")) is outer
    assert owning_table(page, outer) is None


def test_headers_targets_in_and_out_of_the_table() -> None:
    page = page_of(TABLE)
    outer = by_id(page, "outer")
    c2 = by_id(page, "c2")
    references = (c2.get("headers") or "").split()
    targets = [page.get_element_by_id(reference) for reference in references]
    assert [is_cell_of(page, t, outer) for t in targets if t is not None] == [True, False]
    inner_cell = by_id(page, "inner-c")
    header = page.get_element_by_id(inner_cell.get("headers") or "")
    assert header is not None
    assert not is_cell_of(page, header, by_id(page, "inner"))


def test_header_cells_roles_and_names() -> None:
    page = page_of(TABLE)
    assert role_of(page, by_id(page, "h1")) == "columnheader"
    assert role_of(page, by_id(page, "c1")) == "cell"
    assert accessible_name(page, by_id(page, "h1")) == "Name"
    assert accessible_name(page, by_id(page, "c1")) == "Ann"
