"""Form rules: the purpose of input fields (autocomplete)."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.forms.autocomplete_valid import AutocompleteValid

RULES: tuple[type[Rule], ...] = (AutocompleteValid,)

__all__ = ["RULES"]
