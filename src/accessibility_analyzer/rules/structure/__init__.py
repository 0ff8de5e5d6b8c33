"""Structure and keyboard rules: headings, lists, tables, tab order, scrolling, iframes."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.structure.definition_list import DefinitionList
from accessibility_analyzer.rules.structure.dlitem import Dlitem
from accessibility_analyzer.rules.structure.empty_heading import EmptyHeading
from accessibility_analyzer.rules.structure.empty_table_header import EmptyTableHeader
from accessibility_analyzer.rules.structure.heading_order import HeadingOrder
from accessibility_analyzer.rules.structure.iframe_focusable import IframeFocusable
from accessibility_analyzer.rules.structure.list import List
from accessibility_analyzer.rules.structure.listitem import Listitem
from accessibility_analyzer.rules.structure.page_has_heading_one import PageHasHeadingOne
from accessibility_analyzer.rules.structure.scope_attr_valid import ScopeAttrValid
from accessibility_analyzer.rules.structure.scrollable_region_focusable import (
    ScrollableRegionFocusable,
)
from accessibility_analyzer.rules.structure.tabindex import Tabindex
from accessibility_analyzer.rules.structure.table_duplicate_name import TableDuplicateName
from accessibility_analyzer.rules.structure.td_has_header import TdHasHeader
from accessibility_analyzer.rules.structure.td_headers_attr import TdHeadersAttr
from accessibility_analyzer.rules.structure.th_has_data_cells import ThHasDataCells

RULES: tuple[type[Rule], ...] = (
    DefinitionList,
    Dlitem,
    EmptyHeading,
    EmptyTableHeader,
    HeadingOrder,
    IframeFocusable,
    List,
    Listitem,
    PageHasHeadingOne,
    ScopeAttrValid,
    ScrollableRegionFocusable,
    TableDuplicateName,
    Tabindex,
    TdHasHeader,
    TdHeadersAttr,
    ThHasDataCells,
)

__all__ = ["RULES"]
