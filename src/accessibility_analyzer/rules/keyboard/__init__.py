"""Keyboard rules: focus that can always move on, and shortcuts that do not get in the way."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.keyboard.character_key_shortcuts import CharacterKeyShortcuts
from accessibility_analyzer.rules.keyboard.no_keyboard_trap import NoKeyboardTrap
from accessibility_analyzer.rules.keyboard.no_keyboard_trap_documented import (
    NoKeyboardTrapDocumented,
)
from accessibility_analyzer.rules.keyboard.no_keyboard_trap_standard import (
    NoKeyboardTrapStandard,
)

RULES: tuple[type[Rule], ...] = (
    CharacterKeyShortcuts,
    NoKeyboardTrap,
    NoKeyboardTrapDocumented,
    NoKeyboardTrapStandard,
)

__all__ = ["RULES"]
