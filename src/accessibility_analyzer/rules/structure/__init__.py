"""Structure and keyboard rules: headings, lists, table headers, tab order, scrolling, iframes."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.structure.empty_heading import EmptyHeading
from accessibility_analyzer.rules.structure.heading_order import HeadingOrder
from accessibility_analyzer.rules.structure.iframe_focusable import IframeFocusable
from accessibility_analyzer.rules.structure.list import List
from accessibility_analyzer.rules.structure.listitem import Listitem
from accessibility_analyzer.rules.structure.scrollable_region_focusable import (
    ScrollableRegionFocusable,
)
from accessibility_analyzer.rules.structure.tabindex import Tabindex
from accessibility_analyzer.rules.structure.td_headers_attr import TdHeadersAttr

RULES: tuple[type[Rule], ...] = (
    EmptyHeading,
    HeadingOrder,
    IframeFocusable,
    List,
    Listitem,
    ScrollableRegionFocusable,
    Tabindex,
    TdHeadersAttr,
)

__all__ = ["RULES"]
