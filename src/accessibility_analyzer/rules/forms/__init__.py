"""Form rules: the purpose of input fields (autocomplete), labels that are really labels."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.forms.autocomplete_valid import AutocompleteValid
from accessibility_analyzer.rules.forms.label_title_only import LabelTitleOnly

RULES: tuple[type[Rule], ...] = (AutocompleteValid, LabelTitleOnly)

__all__ = ["RULES"]
