"""ARIA states and properties on elements: valid values, allowed and prohibited ones.

The value syntax follows WAI-ARIA 1.2 §6.7 (value types); token values are compared
ASCII case-insensitively, as most browsers do. ID references need not resolve (ACT rule
6a7281: a missing target is the same as no reference).
"""

from __future__ import annotations

import re

from accessibility_analyzer.engine.aria.roles import role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.standards.aria import ATTRIBUTES, ROLES, ValueType

_INTEGER = re.compile(r"^[-+]?\d+$")
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_ASCII_WHITESPACE = " \t\n\f\r"


def is_valid_attribute_value(name: str, value: str) -> bool:  # noqa: PLR0911 (per type)
    """Whether ``value`` is valid for the ARIA attribute ``name`` (``False`` for unknown
    attributes).

    ``true/false``-like and token types accept their listed tokens (any case); ``tokens``
    accepts a non-empty list of them; ``integer`` and ``number`` follow the HTML number
    grammars; ``idref`` is a single token and ``idrefs`` one or more (neither needs to
    resolve); ``string`` accepts anything.
    """
    spec = ATTRIBUTES.get(name)
    if spec is None:
        return False
    text = value.strip(_ASCII_WHITESPACE)
    kind = spec.value_type
    if kind is ValueType.STRING:
        return True
    if kind in (ValueType.IDREF, ValueType.IDREFS):
        tokens = text.split()
        return bool(tokens) and (kind is ValueType.IDREFS or len(tokens) == 1)
    if kind is ValueType.INTEGER:
        return _INTEGER.match(text) is not None
    if kind is ValueType.NUMBER:
        return _NUMBER.match(text) is not None
    lowered = text.lower()
    if kind is ValueType.TOKENS:
        tokens = lowered.split()
        return bool(tokens) and all(token in spec.values for token in tokens)
    return lowered in spec.values


def _role_spec_of(page: Page, element: Element) -> str:
    role = role_of(page, element)
    return role if role is not None and role in ROLES else "generic"


def is_attribute_supported(page: Page, element: Element, name: str) -> bool:
    """Whether the ARIA attribute ``name`` is allowed on the element's semantic role
    (global, or supported by the role or its superclasses; generic when it has no role)."""
    return name in ROLES[_role_spec_of(page, element)].supported_states


def is_attribute_prohibited(page: Page, element: Element, name: str) -> bool:
    """Whether the element's semantic role prohibits ``name`` (``aria-label`` on a
    ``generic`` or ``paragraph``...)."""
    return name in ROLES[_role_spec_of(page, element)].prohibited_states


def aria_attributes(element: Element) -> list[str]:
    """The element's attributes named ``aria-*``, in source order (known or not)."""
    return [name for name in element.attrs if name.startswith("aria-")]
