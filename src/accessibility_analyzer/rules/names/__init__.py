"""Accessible names of controls: buttons, links, form fields, menu items, frames, summaries."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.names.aria_dialog_name import AriaDialogName
from accessibility_analyzer.rules.names.aria_menuitem_name import AriaMenuitemName
from accessibility_analyzer.rules.names.aria_meter_name import AriaMeterName
from accessibility_analyzer.rules.names.aria_progressbar_name import AriaProgressbarName
from accessibility_analyzer.rules.names.aria_tooltip_name import AriaTooltipName
from accessibility_analyzer.rules.names.button_name import ButtonName
from accessibility_analyzer.rules.names.frame_title import FrameTitle
from accessibility_analyzer.rules.names.identical_links_same_context import (
    IdenticalLinksSameContext,
)
from accessibility_analyzer.rules.names.identical_links_same_purpose import (
    IdenticalLinksSamePurpose,
)
from accessibility_analyzer.rules.names.label import Label
from accessibility_analyzer.rules.names.label_content_name_mismatch import (
    LabelContentNameMismatch,
)
from accessibility_analyzer.rules.names.link_name import LinkName
from accessibility_analyzer.rules.names.summary_name import SummaryName

RULES: tuple[type[Rule], ...] = (
    AriaDialogName,
    AriaMenuitemName,
    AriaMeterName,
    AriaProgressbarName,
    AriaTooltipName,
    ButtonName,
    FrameTitle,
    IdenticalLinksSameContext,
    IdenticalLinksSamePurpose,
    Label,
    LabelContentNameMismatch,
    LinkName,
    SummaryName,
)

__all__ = ["RULES"]
