# Source: WAI-ARIA 1.2, W3C Recommendation 6 June 2023, https://www.w3.org/TR/wai-aria-1.2/
# (§5.3 role characteristics, §6.6 definitions of states and properties, §6.7 value types).
"""Record types of the WAI-ARIA tables (shared by the ARIA, DPUB-ARIA and Graphics-ARIA rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ValueType(StrEnum):
    """The value types of WAI-ARIA 1.2 §6.7."""

    TRUE_FALSE = "true/false"
    TRISTATE = "tristate"
    TRUE_FALSE_UNDEFINED = "true/false/undefined"
    IDREF = "idref"
    IDREFS = "idrefs"
    INTEGER = "integer"
    NUMBER = "number"
    STRING = "string"
    TOKEN = "token"  # noqa: S105 (an ARIA value type, not a secret)
    TOKENS = "tokens"


class NameFrom(StrEnum):
    """Where a role's accessible name may come from (WAI-ARIA 1.2 §5.2.8.4)."""

    AUTHOR = "author"
    CONTENTS = "contents"
    PROHIBITED = "prohibited"


@dataclass(frozen=True, kw_only=True)
class AttributeSpec:
    """One WAI-ARIA state or property.

    Attributes:
        name: the attribute name (``aria-checked``).
        value_type: its value type.
        values: the allowed tokens for ``token``/``tokens`` (and the literal values of the
            boolean-like types); empty for free values.
        is_global: applies to every role (a global state or property).
        deprecated_in_1_2: deprecated as a whole in ARIA 1.2 (``aria-grabbed``).
        deprecated_as_global: still global but deprecated on roles that do not list it
            (ARIA 1.2 deprecated ``aria-disabled``, ``aria-errormessage``,
            ``aria-haspopup`` and ``aria-invalid`` as globals).
        default: the default value when the attribute is absent, ``None`` when none.
        since: the ARIA version defining it: ``1.2``, or ``1.3`` for the few ARIA 1.3
            (draft) attributes browsers already support (``aria-description``, the braille
            attributes), kept so they are not reported as unknown.
    """

    name: str
    value_type: ValueType
    values: tuple[str, ...] = ()
    is_global: bool = False
    deprecated_in_1_2: bool = False
    deprecated_as_global: bool = False
    default: str | None = None
    since: str = "1.2"


@dataclass(frozen=True, kw_only=True)
class RoleSpec:
    """One WAI-ARIA role with its characteristics.

    Attributes:
        name: the role name (``button``).
        abstract: abstract roles must not be used by authors.
        superclass_roles: direct superclasses (the ``roletype`` hierarchy).
        required_states: states and properties an author must set (ARIA "Required States
            and Properties", not including conditional ones such as a focusable separator's
            ``aria-valuenow``).
        supported_states: every state and property allowed on the role: its own, the
            inherited ones and the globals.
        prohibited_states: states and properties an author must not set.
        implicit_values: default values a role gives to attributes (``heading`` ->
            ``aria-level`` 2): a required attribute listed here may be omitted.
        required_context_roles: roles one of which must own an element with this role.
        required_owned_elements: what the role must own, as ARIA 1.2 lists it:
            ``"menuitem"`` or ``"group -> menuitem"`` (a group owning menuitems).
        children_presentational: descendants are presentational (their roles are removed).
        name_from: allowed name sources.
        name_required: the role needs an accessible name.
        deprecated: deprecated role (``directory``).
        module: the specification defining the role: ``aria``, ``dpub`` or ``graphics``.
    """

    name: str
    abstract: bool = False
    superclass_roles: tuple[str, ...] = ()
    required_states: frozenset[str] = frozenset()
    supported_states: frozenset[str] = frozenset()
    prohibited_states: frozenset[str] = frozenset()
    implicit_values: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    required_context_roles: tuple[str, ...] = ()
    required_owned_elements: tuple[str, ...] = ()
    children_presentational: bool = False
    name_from: frozenset[NameFrom] = frozenset({NameFrom.AUTHOR})
    name_required: bool = False
    deprecated: bool = False
    module: str = "aria"


@dataclass(frozen=True, kw_only=True)
class RoleRow:
    """A role as the specification's table writes it: only its own characteristics.

    :func:`accessibility_analyzer.engine.standards.aria` expands rows into
    :class:`RoleSpec` by adding the inherited and global states.
    """

    name: str
    superclass: tuple[str, ...] = ()
    abstract: bool = False
    required: tuple[str, ...] = ()
    supported: tuple[str, ...] = ()
    prohibited: tuple[str, ...] = ()
    implicit_values: tuple[tuple[str, str], ...] = ()
    context: tuple[str, ...] = ()
    owned: tuple[str, ...] = ()
    children_presentational: bool = False
    name_from: tuple[NameFrom, ...] = (NameFrom.AUTHOR,)
    name_required: bool = False
    deprecated: bool = False
    module: str = "aria"
