# Source: WAI-ARIA 1.2, W3C Recommendation 6 June 2023, https://www.w3.org/TR/wai-aria-1.2/ ;
# Digital Publishing WAI-ARIA Module 1.0, https://www.w3.org/TR/dpub-aria-1.0/ ;
# WAI-ARIA Graphics Module 1.0, https://www.w3.org/TR/graphics-aria-1.0/
"""The WAI-ARIA role and attribute tables every ARIA rule reads.

``ROLES`` maps every role name (abstract ones included; check ``RoleSpec.abstract``) to its
characteristics, with ``supported_states`` already holding the inherited and global states,
so a lookup answers "is this attribute allowed on this role". ``ATTRIBUTES`` maps every
state and property to its value type and allowed tokens.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from accessibility_analyzer.engine.standards._aria_attributes import ATTRIBUTE_ROWS
from accessibility_analyzer.engine.standards._aria_modules import (
    DPUB_ROLE_ROWS,
    GRAPHICS_ROLE_ROWS,
)
from accessibility_analyzer.engine.standards._aria_roles import ARIA_ROLE_ROWS
from accessibility_analyzer.engine.standards._aria_types import (
    AttributeSpec,
    NameFrom,
    RoleRow,
    RoleSpec,
    ValueType,
)
from accessibility_analyzer.engine.standards._aria_widget_roles import ARIA_WIDGET_ROLE_ROWS

__all__ = [
    "ACCEPTED_EXTRA_OWNED",
    "ATTRIBUTES",
    "DRAFT_GLOBAL_ATTRIBUTES",
    "FOCUSABLE_REQUIRED_STATES",
    "GLOBAL_ATTRIBUTES",
    "LANDMARK_ROLES",
    "LINK_ROLES",
    "MISSING_REQUIRED_DEFAULTS",
    "NAMED_ONLY_LANDMARK_ROLES",
    "PRESENTATIONAL_ROLES",
    "ROLES",
    "AttributeSpec",
    "NameFrom",
    "RoleSpec",
    "ValueType",
    "superclass_closure",
]

ATTRIBUTES: Mapping[str, AttributeSpec] = MappingProxyType(
    {spec.name: spec for spec in ATTRIBUTE_ROWS}
)

# The ARIA 1.2 global states and properties: these are the ones that override a
# presentational role (§4.6) and that every role supports.
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset(
    spec.name for spec in ATTRIBUTE_ROWS if spec.is_global and spec.since == "1.2"
)

# Global properties from the ARIA 1.3 draft, supported on every role that does not
# prohibit them.
DRAFT_GLOBAL_ATTRIBUTES: frozenset[str] = frozenset(
    spec.name for spec in ATTRIBUTE_ROWS if spec.is_global and spec.since != "1.2"
)

# CORE-AAM 1.2 "default values for missing required attributes" as the ACT rule 4e8ab6
# applies them: the only required attribute a role may omit (other implicit values, such
# as heading's aria-level 2, do not excuse a missing required attribute).
MISSING_REQUIRED_DEFAULTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"option": MappingProxyType({"aria-selected": "false"})}
)

PRESENTATIONAL_ROLES: frozenset[str] = frozenset({"none", "presentation"})

# Roles inheriting from input, select or menuitem that are form fields (the applicability of
# ACT e086e5 "form field has non-empty accessible name" and cc0f0a "form field label is
# descriptive"; https://www.w3.org/WAI/standards-guidelines/act/rules/e086e5/).
FIELD_ROLES: frozenset[str] = frozenset(
    {
        "checkbox",
        "combobox",
        "listbox",
        "menuitemcheckbox",
        "menuitemradio",
        "radio",
        "searchbox",
        "slider",
        "spinbutton",
        "switch",
        "textbox",
    }
)

# Owned roles accepted beyond WAI-ARIA 1.2's required owned elements. WAI-ARIA 1.3 (Editor's
# Draft, https://w3c.github.io/aria/, "allowed accessibility child roles") lists `separator`
# in menu and menubar, as 1.2's prose already describes; the APG menubar pattern
# (https://www.w3.org/WAI/ARIA/apg/patterns/menubar/) puts a submenu `menu` beside its
# menuitem, inside the menubar or the parent menu, and every browser and screen reader
# supports it. Rules read these as allowed children, not as requirements.
ACCEPTED_EXTRA_OWNED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "menu": frozenset({"separator", "menu"}),
        "menubar": frozenset({"separator", "menu"}),
    }
)

# WAI-ARIA 1.2 §5.4 separator: "if focusable", a separator is a widget (a splitter) and
# aria-valuenow becomes required (aria-valuemin/max default to 0 and 100).
FOCUSABLE_REQUIRED_STATES: Mapping[str, frozenset[str]] = MappingProxyType(
    {"separator": frozenset({"aria-valuenow"})}
)

_ROWS: Mapping[str, RoleRow] = {
    row.name: row
    for row in (*ARIA_ROLE_ROWS, *ARIA_WIDGET_ROLE_ROWS, *DPUB_ROLE_ROWS, *GRAPHICS_ROLE_ROWS)
}


def superclass_closure(role: str) -> frozenset[str]:
    """Every ancestor of ``role`` in the role hierarchy (the role itself excluded)."""
    seen: set[str] = set()
    pending = list(_ROWS[role].superclass) if role in _ROWS else []
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(_ROWS[name].superclass)
    return frozenset(seen)


def _expand(row: RoleRow) -> RoleSpec:
    """A row plus what its superclasses and the global attributes bring."""
    supported = set(row.supported) | set(row.required) | GLOBAL_ATTRIBUTES
    supported |= DRAFT_GLOBAL_ATTRIBUTES
    for ancestor in superclass_closure(row.name):
        supported.update(_ROWS[ancestor].supported)
    prohibited = frozenset(row.prohibited)
    return RoleSpec(
        name=row.name,
        abstract=row.abstract,
        superclass_roles=row.superclass,
        required_states=frozenset(row.required),
        supported_states=frozenset(supported - prohibited),
        prohibited_states=prohibited,
        implicit_values=dict(row.implicit_values),
        required_context_roles=row.context,
        required_owned_elements=row.owned,
        children_presentational=row.children_presentational,
        name_from=frozenset(row.name_from),
        name_required=row.name_required,
        deprecated=row.deprecated,
        module=row.module,
    )


ROLES: Mapping[str, RoleSpec] = MappingProxyType(
    {name: _expand(row) for name, row in _ROWS.items()}
)

# Landmark roles: every role whose superclasses include the abstract `landmark` (WAI-ARIA 1.2
# §5.3.4 and the DPUB-ARIA landmarks). `form` and `region` are landmarks only when named
# (WAI-ARIA 1.2, form and region: "authors MUST give it an accessible name").
LANDMARK_ROLES: frozenset[str] = frozenset(
    name
    for name, spec in ROLES.items()
    if "landmark" in superclass_closure(name) and not spec.abstract
)
NAMED_ONLY_LANDMARK_ROLES: frozenset[str] = frozenset({"form", "region"})

# `link` and the roles inheriting from it (the DPUB-ARIA references): ACT's "inheriting
# semantic link".
LINK_ROLES: frozenset[str] = frozenset(
    {"link"} | {name for name in ROLES if "link" in superclass_closure(name)}
)
