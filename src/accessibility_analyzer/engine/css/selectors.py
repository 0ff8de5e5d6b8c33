"""Parse CSS selectors (Selectors Level 4, the static subset) from tinycss2 tokens.

A selector list becomes :class:`Complex` selectors stored right to left (the subject first),
as the matcher walks them. Anything we cannot read (namespace prefixes, unknown
pseudo-elements with arguments, stray tokens) makes the whole list invalid, as a browser
drops a rule with an invalid selector. Pseudo-classes we read but that never match without
a user (``:hover``, ``:focus``) are kept: ``style_rules_for`` evaluates them in a state.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import tinycss2
from tinycss2.nth import parse_nth

# Pseudo-classes that depend on the user; they never match in the static cascade.
DYNAMIC_PSEUDO_CLASSES = frozenset(
    {"hover", "focus", "focus-visible", "focus-within", "active", "visited", "target"}
)
# Pseudo-classes taking a selector list; :where() adds no specificity.
_SELECTOR_ARGUMENT = frozenset({"not", "is", "where", "matches", "-webkit-any", "-moz-any"})
_NTH = frozenset({"nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"})
_SIMPLE_PSEUDO_CLASSES = frozenset(
    {
        "root", "empty", "first-child", "last-child", "only-child", "first-of-type",
        "last-of-type", "only-of-type", "link", "any-link", "checked", "disabled", "enabled",
        "required", "optional", "read-only", "read-write", "placeholder-shown", "defined",
        "scope", "default", "indeterminate", "valid", "invalid", "in-range", "out-of-range",
        "focus-visible", "autofill", "-webkit-autofill", "playing", "paused", "open",
        "closed", "modal", "fullscreen", "popover-open", "user-invalid", "user-valid",
        "blank", "local-link", "current", "past", "future", "target-within",
        "-a11y-html",  # ours, for the user-agent sheet: the element is in the HTML namespace
        "-a11y-has-anchor",  # ours: the element :has() is evaluated for (see _relative)
    }
) | DYNAMIC_PSEUDO_CLASSES  # fmt: skip
# Legacy pseudo-elements may be written with one colon.
_LEGACY_PSEUDO_ELEMENTS = frozenset({"before", "after", "first-line", "first-letter"})
_uid = itertools.count()


class InvalidSelector(ValueError):
    """The selector cannot be read; the rule holding it is dropped."""


@dataclass(frozen=True, slots=True)
class AttributeTest:
    """``[name]``, ``[name=value]`` and the other operators; ``ignore_case`` for ``i``."""

    name: str
    operator: str | None
    value: str
    ignore_case: bool


@dataclass(frozen=True, slots=True)
class PseudoClass:
    """A pseudo-class, with its selector list or ``an+b`` when it takes one."""

    name: str
    selectors: tuple[Complex, ...] = ()
    nth: tuple[int, int] | None = None
    argument: str | None = None


@dataclass(slots=True)
class Compound:
    """A compound selector: type, ids, classes, attributes, pseudo-classes, pseudo-element."""

    tag: str | None = None  # None means universal
    ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    attributes: list[AttributeTest] = field(default_factory=list)
    pseudo_classes: list[PseudoClass] = field(default_factory=list)
    pseudo_element: str | None = None


@dataclass(slots=True)
class Complex:
    """A complex selector, right to left: ``compounds[0]`` is the subject.

    ``combinators[i]`` joins ``compounds[i]`` to ``compounds[i + 1]`` (its left neighbour):
    ``" "`` descendant, ``">"`` child, ``"+"`` next sibling, ``"~"`` later sibling.
    """

    compounds: list[Compound]
    combinators: list[str]
    specificity: tuple[int, int, int]
    uid: int = field(default_factory=lambda: next(_uid))
    # Derived data the cascade computes once per selector (sheets are shared by pages).
    cache: dict[str, object] = field(default_factory=dict)

    @property
    def subject(self) -> Compound:
        """The rightmost compound (the element the selector selects)."""
        return self.compounds[0]

    @property
    def pseudo_element(self) -> str | None:
        """The pseudo-element the selector targets (``before``), if any."""
        return self.compounds[0].pseudo_element

    def mentions(self, pseudo_class: str) -> bool:
        """Whether the pseudo-class appears anywhere in the selector (arguments included)."""
        stack = list(self.compounds)
        while stack:
            compound = stack.pop()
            for pseudo in compound.pseudo_classes:
                if pseudo.name == pseudo_class:
                    return True
                for inner in pseudo.selectors:
                    stack.extend(inner.compounds)
        return False


def _significant(tokens: list[Any]) -> list[Any]:
    return [token for token in tokens if token.type != "comment"]


def _split_commas(tokens: list[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return groups


MAX_NESTING = 16  # :not(:is(...)) levels; deeper selectors are dropped, never recursed into


def _nesting_depth(tokens: list[Any]) -> int:
    """Deepest nesting of function and bracket blocks in ``tokens`` (iterative)."""
    deepest = 0
    stack: list[tuple[list[Any], int]] = [(tokens, 0)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        for token in current:
            inner = getattr(token, "arguments", None) or getattr(token, "content", None)
            if isinstance(inner, list):
                stack.append((inner, depth + 1))
    return deepest


def parse_selector_list(tokens: list[Any], *, forgiving: bool = False) -> list[Complex]:
    """Parse a comma-separated selector list (``forgiving`` drops bad items, as ``:is()``).

    Raises:
        InvalidSelector: the list cannot be read, or nests deeper than :data:`MAX_NESTING`.
    """
    if _nesting_depth(tokens) > MAX_NESTING:
        raise InvalidSelector("selector nests too deep")
    return _parse_list(tokens, forgiving=forgiving)


def _parse_list(tokens: list[Any], *, forgiving: bool) -> list[Complex]:
    result: list[Complex] = []
    for group in _split_commas(_significant(tokens)):
        try:
            result.append(_parse_complex(group))
        except InvalidSelector:
            if not forgiving:
                raise
    if not result and not forgiving:
        raise InvalidSelector("empty selector list")
    return result


def parse_selector_text(text: str) -> list[Complex]:
    """Parse a selector list written as text (raises :class:`InvalidSelector`)."""
    return parse_selector_list(tinycss2.parse_component_value_list(text))


def _parse_complex(tokens: list[Any]) -> Complex:
    """Compounds and combinators of one complex selector."""
    compounds: list[Compound] = []
    combinators: list[str] = []
    position = 0
    pending: str | None = None
    length = len(tokens)
    while position < length:
        token = tokens[position]
        if token.type == "whitespace":
            if compounds and pending is None:
                pending = " "
            position += 1
            continue
        if token.type == "literal" and token.value in (">", "+", "~"):
            if not compounds or (pending is not None and pending != " "):
                raise InvalidSelector("combinator without a left side")
            pending = token.value
            position += 1
            continue
        if compounds:
            if pending is None:
                raise InvalidSelector("two compounds without a combinator")
            combinators.append(pending)
            pending = None
        compound, position = _parse_compound(tokens, position)
        compounds.append(compound)
    if not compounds or (pending is not None and pending != " "):
        raise InvalidSelector("empty or dangling selector")
    compounds.reverse()
    combinators.reverse()
    return Complex(compounds, combinators, _specificity(compounds))


def _parse_compound(tokens: list[Any], position: int) -> tuple[Compound, int]:
    compound = Compound()
    start = position
    length = len(tokens)
    while position < length:
        token = tokens[position]
        kind = token.type
        if kind == "whitespace" or (kind == "literal" and token.value in (">", "+", "~")):
            break
        if compound.pseudo_element is not None and not (kind == "literal" and token.value == ":"):
            raise InvalidSelector("nothing may follow a pseudo-element")
        if kind == "ident" and position == start:
            compound.tag = token.lower_value
        elif kind == "literal" and token.value == "*" and position == start:
            compound.tag = None
        elif kind == "literal" and token.value == "|":
            raise InvalidSelector("namespace prefixes are not supported")
        elif kind == "hash" and token.is_identifier:
            compound.ids.append(token.value)
        elif kind == "literal" and token.value == ".":
            position += 1
            if position >= length or tokens[position].type != "ident":
                raise InvalidSelector("class without a name")
            compound.classes.append(tokens[position].value)
        elif kind == "[] block":
            compound.attributes.append(_parse_attribute(_significant(token.content)))
        elif kind == "literal" and token.value == ":":
            position = _parse_pseudo(tokens, position + 1, compound)
            continue
        else:
            raise InvalidSelector(f"unexpected token {kind}")
        position += 1
    return compound, position


def _parse_pseudo(tokens: list[Any], position: int, compound: Compound) -> int:
    """Parse what follows ``:``; return the position after it."""
    element = position < len(tokens) and tokens[position].type == "literal"
    if element:
        if tokens[position].value != ":":
            raise InvalidSelector("bad pseudo-element")
        position += 1
    if position >= len(tokens):
        raise InvalidSelector("dangling colon")
    token = tokens[position]
    if token.type == "ident":
        name = token.lower_value
        if element or name in _LEGACY_PSEUDO_ELEMENTS:
            compound.pseudo_element = name
        elif name in _SIMPLE_PSEUDO_CLASSES:
            compound.pseudo_classes.append(PseudoClass(name))
        else:
            raise InvalidSelector(f"unknown pseudo-class :{name}")
        return position + 1
    if token.type != "function":
        raise InvalidSelector("bad pseudo-class")
    if element:
        compound.pseudo_element = token.lower_name  # ::part(), ::slotted(): never in our tree
    else:
        compound.pseudo_classes.append(_functional_pseudo_class(token))
    return position + 1


def _functional_pseudo_class(token: Any) -> PseudoClass:
    """``:not()``, ``:is()``, ``:nth-child()``, ``:lang()`` ... from a function token."""
    name = token.lower_name
    arguments = _significant(token.arguments)
    if name == "has":
        groups = _split_commas(arguments)
        return PseudoClass(name, selectors=tuple(_relative(group) for group in groups))
    if name in _SELECTOR_ARGUMENT:
        forgiving = name in ("is", "where", "matches", "-webkit-any", "-moz-any")
        return PseudoClass(name, selectors=tuple(_parse_list(arguments, forgiving=forgiving)))
    if name in _NTH:
        return _parse_nth(name, arguments)
    if name in ("lang", "dir"):
        words = [t.value for t in arguments if t.type in ("ident", "string")]
        return PseudoClass(name, argument=",".join(words).lower())
    raise InvalidSelector(f"unknown functional pseudo-class :{name}()")


HAS_ANCHOR = "-a11y-has-anchor"


def _relative(tokens: list[Any]) -> Complex:
    """A relative selector of ``:has()`` (``> img``, ``+ p``, ``.a .b``) as a complex one.

    Its leftmost compound is the anchor (``:-a11y-has-anchor``, matched only by the element
    ``:has()`` is evaluated for, and adding no specificity), joined by the leading
    combinator or a descendant one.
    """
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    combinator = " "
    if tokens and tokens[0].type == "literal" and tokens[0].value in (">", "+", "~"):
        combinator = tokens[0].value
        tokens = tokens[1:]
    selector = _parse_complex(tokens)
    if selector.mentions("has"):
        raise InvalidSelector(":has() inside :has()")
    anchor = Compound(pseudo_classes=[PseudoClass(HAS_ANCHOR)])
    compounds = [*selector.compounds, anchor]
    return Complex(compounds, [*selector.combinators, combinator], selector.specificity)


def _parse_nth(name: str, arguments: list[Any]) -> PseudoClass:
    of_index = next(
        (i for i, t in enumerate(arguments) if t.type == "ident" and t.lower_value == "of"), None
    )
    nth_tokens = arguments if of_index is None else arguments[:of_index]
    parsed = parse_nth(nth_tokens)
    if parsed is None:
        raise InvalidSelector("bad an+b")
    selectors: tuple[Complex, ...] = ()
    if of_index is not None and name in ("nth-child", "nth-last-child"):
        selectors = tuple(_parse_list(arguments[of_index + 1 :], forgiving=False))
    return PseudoClass(name, selectors=selectors, nth=(parsed[0], parsed[1]))


_OPERATORS = {"=", "~=", "|=", "^=", "$=", "*="}


def _parse_attribute(tokens: list[Any]) -> AttributeTest:
    tokens = [t for t in tokens if t.type != "whitespace"]
    if not tokens or tokens[0].type != "ident":
        raise InvalidSelector("attribute selector without a name")
    name = tokens[0].value
    if len(tokens) == 1:
        return AttributeTest(name, None, "", ignore_case=False)
    operator = ""
    index = 1
    while index < len(tokens) and tokens[index].type == "literal" and len(operator) < 2:
        operator += tokens[index].value
        index += 1
    if operator not in _OPERATORS or index >= len(tokens):
        raise InvalidSelector("bad attribute operator")
    value_token = tokens[index]
    if value_token.type not in ("ident", "string"):
        raise InvalidSelector("bad attribute value")
    ignore_case = False
    if index + 1 < len(tokens):
        flag = tokens[index + 1]
        if flag.type != "ident" or flag.lower_value not in ("i", "s") or index + 2 < len(tokens):
            raise InvalidSelector("bad attribute flag")
        ignore_case = flag.lower_value == "i"
    return AttributeTest(name, operator, value_token.value, ignore_case)


def _specificity(compounds: list[Compound]) -> tuple[int, int, int]:
    ids = classes = types = 0
    for compound in compounds:
        ids += len(compound.ids)
        classes += len(compound.classes) + len(compound.attributes)
        types += (compound.tag is not None) + (compound.pseudo_element is not None)
        for pseudo in compound.pseudo_classes:
            if pseudo.name == "where":
                continue
            if pseudo.selectors:
                inner = max(selector.specificity for selector in pseudo.selectors)
                ids, classes, types = ids + inner[0], classes + inner[1], types + inner[2]
                if pseudo.nth is not None:
                    classes += 1
            else:
                classes += 1
    return ids, classes, types
