"""Purpose: whether headings, labels, links and frames say what they are for (mostly asked)."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.purpose.error_messages_descriptive import (
    ErrorMessagesDescriptive,
)
from accessibility_analyzer.rules.purpose.heading_descriptive import HeadingDescriptive
from accessibility_analyzer.rules.purpose.identical_frames_same_purpose import (
    IdenticalFramesSamePurpose,
)
from accessibility_analyzer.rules.purpose.label_descriptive import LabelDescriptive
from accessibility_analyzer.rules.purpose.link_descriptive import LinkDescriptive
from accessibility_analyzer.rules.purpose.link_purpose_in_context import LinkPurposeInContext
from accessibility_analyzer.rules.purpose.sensory_reference_alternative import (
    SensoryReferenceAlternative,
)

RULES: tuple[type[Rule], ...] = (
    ErrorMessagesDescriptive,
    HeadingDescriptive,
    IdenticalFramesSamePurpose,
    LabelDescriptive,
    LinkDescriptive,
    LinkPurposeInContext,
    SensoryReferenceAlternative,
)

__all__ = ["RULES"]
