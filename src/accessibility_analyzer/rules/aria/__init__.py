"""ARIA rules: roles, states and properties, ownership, hidden focus, referenced ids."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.aria.accesskeys import Accesskeys
from accessibility_analyzer.rules.aria.aria_allowed_attr import AriaAllowedAttr
from accessibility_analyzer.rules.aria.aria_allowed_role import AriaAllowedRole
from accessibility_analyzer.rules.aria.aria_deprecated_role import AriaDeprecatedRole
from accessibility_analyzer.rules.aria.aria_hidden_focus import AriaHiddenFocus
from accessibility_analyzer.rules.aria.aria_prohibited_attr import AriaProhibitedAttr
from accessibility_analyzer.rules.aria.aria_required_attr import AriaRequiredAttr
from accessibility_analyzer.rules.aria.aria_required_children import AriaRequiredChildren
from accessibility_analyzer.rules.aria.aria_required_parent import AriaRequiredParent
from accessibility_analyzer.rules.aria.aria_roles import AriaRoles
from accessibility_analyzer.rules.aria.aria_valid_attr import AriaValidAttr
from accessibility_analyzer.rules.aria.aria_valid_attr_value import AriaValidAttrValue
from accessibility_analyzer.rules.aria.duplicate_id_active import DuplicateIdActive
from accessibility_analyzer.rules.aria.duplicate_id_aria import DuplicateIdAria
from accessibility_analyzer.rules.aria.nested_interactive import NestedInteractive
from accessibility_analyzer.rules.aria.presentational_children_focusable import (
    PresentationalChildrenFocusable,
)

RULES: tuple[type[Rule], ...] = (
    Accesskeys,
    AriaAllowedAttr,
    AriaAllowedRole,
    AriaDeprecatedRole,
    AriaHiddenFocus,
    AriaProhibitedAttr,
    AriaRequiredAttr,
    AriaRequiredChildren,
    AriaRequiredParent,
    AriaRoles,
    AriaValidAttr,
    AriaValidAttrValue,
    DuplicateIdActive,
    DuplicateIdAria,
    NestedInteractive,
    PresentationalChildrenFocusable,
)

__all__ = ["RULES"]
