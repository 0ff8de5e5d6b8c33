"""Purpose: whether headings, labels, links and frames say what they are for (mostly asked)."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.purpose.heading_descriptive import HeadingDescriptive
from accessibility_analyzer.rules.purpose.identical_frames_same_purpose import (
    IdenticalFramesSamePurpose,
)
from accessibility_analyzer.rules.purpose.label_descriptive import LabelDescriptive
from accessibility_analyzer.rules.purpose.link_descriptive import LinkDescriptive
from accessibility_analyzer.rules.purpose.link_purpose_in_context import LinkPurposeInContext

RULES: tuple[type[Rule], ...] = (
    HeadingDescriptive,
    IdenticalFramesSamePurpose,
    LabelDescriptive,
    LinkDescriptive,
    LinkPurposeInContext,
)

__all__ = ["RULES"]
