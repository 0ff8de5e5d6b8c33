"""Style rules: text spacing in style attributes, orientation lock, visible focus, target size."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.style.css_orientation_lock import CssOrientationLock
from accessibility_analyzer.rules.style.focus_visible import FocusVisible
from accessibility_analyzer.rules.style.letter_spacing import LetterSpacing
from accessibility_analyzer.rules.style.line_height import LineHeight
from accessibility_analyzer.rules.style.target_size import TargetSize
from accessibility_analyzer.rules.style.word_spacing import WordSpacing

RULES: tuple[type[Rule], ...] = (
    CssOrientationLock,
    FocusVisible,
    LetterSpacing,
    LineHeight,
    TargetSize,
    WordSpacing,
)

__all__ = ["RULES"]
