"""Colour rules: text contrast (minimum and enhanced) and links told apart from text."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.colour.color_contrast import ColorContrast
from accessibility_analyzer.rules.colour.color_contrast_enhanced import ColorContrastEnhanced
from accessibility_analyzer.rules.colour.link_in_text_block import LinkInTextBlock

RULES: tuple[type[Rule], ...] = (ColorContrast, ColorContrastEnhanced, LinkInTextBlock)

__all__ = ["RULES"]
