"""Reflow and zoom: content that survives a larger text size."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.reflow.zoomed_text_not_clipped import ZoomedTextNotClipped

RULES: tuple[type[Rule], ...] = (ZoomedTextNotClipped,)

__all__ = ["RULES"]
