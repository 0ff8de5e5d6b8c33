"""Computed values: inheritance, initial values, and font sizes and weights without layout.

A :class:`Style` holds the cascaded values of one element and computes the rest on demand:
inherited properties come from the parent, others start from their initial value;
``font-size`` is resolved to pixels and ``font-weight`` to a number where that can be done
without layout. Nothing recurses: a value that depends on ancestors walks up the chain of
styles to the nearest known value, then computes down. Values holding ``var()`` are
substituted first (:meth:`Style.custom`; an invalid one computes as ``unset``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from accessibility_analyzer.engine.css.values import (
    INHERITED,
    PROPERTIES,
    expand_substituted,
    lowered,
)
from accessibility_analyzer.engine.css.variables import has_references, split_pending, substitute

_LENGTH = re.compile(r"^(-?[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)([a-z%]*)$")
_ABSOLUTE_PX = {
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "q": 96 / 101.6,
}
_FONT_KEYWORDS = {
    "xx-small": 9.0,
    "x-small": 10.0,
    "small": 13.0,
    "medium": 16.0,
    "large": 18.0,
    "x-large": 24.0,
    "xx-large": 32.0,
    "xxx-large": 48.0,
}
_WEIGHTS = {"normal": 400, "bold": 700}
# Shared by every Style until it computes a value (most never do: 64 bytes per element).
_NOTHING_COMPUTED: dict[str, str] = {}


def _number(value: str) -> tuple[float, str] | None:
    match = _LENGTH.match(value)
    if match is None:
        return None
    return float(match.group(1)), match.group(2)


def _px(size: float) -> str:
    return f"{round(size, 2):g}px"


_RELATIVE_FACTORS = {"em": 1.0, "%": 0.01, "ex": 0.5, "ch": 0.5}


def _px_of(value: str) -> float | None:
    parsed = _number(value)
    return parsed[0] if parsed is not None and parsed[1] == "px" else None


def _font_size(value: str, parent: str, root: str) -> str:
    """Computed ``font-size`` in px where possible (relative to parent and root sizes).

    Values that need layout (``calc()``, viewport units) stay as written.
    """
    parent_size = _px_of(parent)
    size: float | None = None
    if value in _FONT_KEYWORDS:
        size = _FONT_KEYWORDS[value]
    elif value in ("smaller", "larger") and parent_size is not None:
        size = parent_size / 1.2 if value == "smaller" else parent_size * 1.2
    else:
        parsed = _number(value)
        if parsed is not None:
            number, unit = parsed
            root_size = _px_of(root)
            if unit in _ABSOLUTE_PX:
                size = number * _ABSOLUTE_PX[unit]
            elif unit == "rem" and root_size is not None:
                size = number * root_size
            elif unit in _RELATIVE_FACTORS and parent_size is not None:
                size = number * _RELATIVE_FACTORS[unit] * parent_size
            elif unit == "" and number == 0:
                size = 0.0
    return value if size is None else _px(size)


def _font_weight(value: str, parent: str) -> str:
    if value in _WEIGHTS:
        return str(_WEIGHTS[value])
    parent_weight = int(parent) if parent.isdigit() else 400
    if value == "bolder":
        if parent_weight < 350:
            return "400"
        return "700" if parent_weight < 550 else "900"
    if value == "lighter":
        if parent_weight < 550:
            return "100" if parent_weight >= 100 else str(parent_weight)
        return "400" if parent_weight < 750 else "700"
    return value


_INVALID = "\0invalid"  # memo of a custom property with no value (or in a cycle)
_RESOLVING = "\0resolving"  # memo while a custom property is being substituted
_INHERITING = frozenset({"inherit", "unset", "revert", "revert-layer"})


def _depends_on_parent(prop: str, specified: str | None) -> bool:
    """Whether the computed value needs the parent's (inheritance or relative units)."""
    if specified is not None and has_references(specified):
        return True  # what var() gives is known only once substituted
    if specified is None or specified in ("inherit", "unset", "revert", "revert-layer"):
        return specified in ("inherit",) or prop in INHERITED
    if prop == "font-size":
        return specified in ("smaller", "larger") or (
            specified.endswith(("em", "%", "ex", "ch")) and not specified.endswith("rem")
        )
    if prop == "font-weight":
        return specified in ("bolder", "lighter")
    return False


class Style:
    """Computed style of one element (implements ``engine.dom.ComputedStyle``)."""

    __slots__ = ("_computed", "_specified", "parent", "root_font_size")

    def __init__(
        self,
        specified: Mapping[str, str],
        parent: Style | None,
        root_font_size: Callable[[], str],
    ) -> None:
        self._specified = specified
        self._computed: dict[str, str] = _NOTHING_COMPUTED  # a dict of its own on first value
        self.parent = parent
        self.root_font_size = root_font_size  # what ``rem`` is relative to

    def specified(self, prop: str) -> str | None:
        """The cascaded (declared) value on this element itself, if any."""
        return self._specified.get(prop)

    def declares_any(self, props: frozenset[str]) -> bool:
        """Whether the element itself has a cascaded value for one of ``props``."""
        return not self._specified.keys().isdisjoint(props)

    def get(self, prop: str) -> str | None:
        """Computed value of ``prop``; ``None`` for properties the cascade does not track.

        Shorthands read back from their longhands: ``overflow`` is ``overflow-x`` when both
        axes agree, else ``"<x> <y>"``; ``background`` and ``outline`` are not readable.
        Custom properties (``--x``) read as :meth:`custom`.
        """
        known = self._computed.get(prop)
        if known is not None:
            return known
        if prop not in PROPERTIES:
            return self._untracked(prop)
        specified = self._specified.get(prop)
        if specified is None:
            if prop not in INHERITED:
                return PROPERTIES[prop][1]  # the initial value (most reads): nothing to walk
            parent = self.parent
            inherited = parent._computed.get(prop) if parent is not None else None
            if inherited is not None:  # the parent's value, known: nothing to walk either
                computed = self._computed
                if computed is _NOTHING_COMPUTED:
                    computed = self._computed = {}
                computed[prop] = inherited
                return inherited
        # Walk up while the value depends on the parent, then compute down (no recursion:
        # the top of the chain is the root, already computed, or independent of its parent).
        chain: list[Style] = [self]
        node: Style = self
        while (
            node.parent is not None
            and prop not in node._computed
            and _depends_on_parent(prop, node._specified.get(prop))
        ):
            node = node.parent
            chain.append(node)
        value = _compute(chain[-1], prop, None)
        for style in reversed(chain[:-1]):
            value = _compute(style, prop, value)
        return value

    def _untracked(self, prop: str) -> str | None:
        """A custom property, the ``overflow`` shorthand, or ``None``."""
        if prop.startswith("--"):
            return self.custom(prop)
        if prop == "overflow":
            x, y = self.get("overflow-x"), self.get("overflow-y")
            return x if x == y else f"{x} {y}"
        return None

    def custom(self, name: str) -> str | None:
        """Computed value of the custom property ``name`` (``--x``), ``None`` when unset.

        Inherited; ``var()`` in it is substituted on the element that declares it; a
        reference cycle makes every property in it unset (memoised per style, and on the
        styles between that inherit it: themes declare on the root, text reads far below).
        """
        node: Style | None = self
        inheriting: list[Style] = []
        value: str | None = None
        while node is not None:
            known = node._computed.get(name)
            if known is not None:
                if known == _RESOLVING:
                    # A reference back to a value being substituted (a cycle): only the
                    # declaring style itself reads it then, so nothing is left to remember.
                    return None
                value = None if known == _INVALID else known
                break
            specified = node._specified.get(name)
            if specified is None or specified in _INHERITING:
                inheriting.append(node)
                node = node.parent
                continue
            if specified != "initial":
                value = node._custom_value(name, specified)
            break
        memo = _INVALID if value is None else value
        for style in inheriting:
            computed = style._computed
            if computed is _NOTHING_COMPUTED:
                computed = style._computed = {}
            computed[name] = memo
        return value

    def _custom_value(self, name: str, specified: str) -> str | None:
        computed = self._computed
        if computed is _NOTHING_COMPUTED:
            computed = self._computed = {}
        if not has_references(specified):
            computed[name] = specified
            return specified
        computed[name] = _RESOLVING  # a reference back to it is a cycle
        value = substitute(specified, self.custom)
        computed[name] = _INVALID if value is None else value
        return value

    @property
    def display(self) -> str:
        """Computed ``display``."""
        return self.get("display") or "inline"

    @property
    def visibility(self) -> str:
        """Computed ``visibility``."""
        return self.get("visibility") or "visible"


# (property, declared value) -> the custom properties its substitution read (in order,
# with their values) and its result. Substitution depends on nothing else, so a style
# reading the same values gets the same result without parsing the value again.
_SUBSTITUTIONS: dict[tuple[str, str], tuple[tuple[tuple[str, str | None], ...], str]] = {}
_SUBSTITUTIONS_SIZE = 4096


def _substituted(style: Style, prop: str, specified: str) -> str:
    """The declared value with ``var()`` substituted; ``unset`` when that makes it invalid."""
    key = (prop, specified)
    known = _SUBSTITUTIONS.get(key)
    if known is not None and all(style.custom(name) == value for name, value in known[0]):
        return known[1]
    read: list[tuple[str, str | None]] = []

    def lookup(name: str) -> str | None:
        value = style.custom(name)
        read.append((name, value))
        return value

    result = _substitute_value(prop, specified, lookup)
    if len(_SUBSTITUTIONS) >= _SUBSTITUTIONS_SIZE:
        _SUBSTITUTIONS.clear()
    _SUBSTITUTIONS[key] = (tuple(read), result)
    return result


def _substitute_value(prop: str, specified: str, lookup: Callable[[str], str | None]) -> str:
    pending = split_pending(specified)
    text = specified if pending is None else pending[1]
    value = substitute(text, lookup)
    if value is None:
        return "unset"
    if pending is not None:
        return expand_substituted(pending[0], value, prop) or "unset"
    return lowered(prop, value) or "unset"


def _compute(style: Style, prop: str, parent_value: str | None) -> str:
    """Computed value of ``prop`` on ``style`` given the parent's computed value."""
    known = style._computed.get(prop)
    if known is not None:
        return known
    inherits, initial = PROPERTIES[prop]
    specified = style.specified(prop)
    if specified is not None and has_references(specified):
        specified = _substituted(style, prop, specified)
    if specified == "inherit" or (
        inherits and specified in (None, "unset", "revert", "revert-layer")
    ):
        value = parent_value if parent_value is not None else initial
    elif specified is None or specified in ("initial", "unset", "revert", "revert-layer"):
        value = initial
    elif prop == "font-size":
        root = style.root_font_size() if specified.endswith("rem") else "16px"
        value = _font_size(specified, parent_value or "16px", root)
    elif prop == "font-weight":
        value = _font_weight(specified, parent_value or "400")
    else:
        value = specified
    computed = style._computed
    if computed is _NOTHING_COMPUTED:
        computed = style._computed = {}
    computed[prop] = value
    return value
