"""Media queries (Media Queries 4/5) and ``@supports`` conditions, evaluated statically.

The engine has no window, so queries are evaluated for one default device: a desktop
screen whose viewport is 1280 x 1024 CSS pixels (landscape), 1 dppx, a fine pointer that
can hover, 8 bits per colour, scripting enabled and every user preference at its default
(light colour scheme, no reduced motion, no forced colours, no contrast preference). The
``print``, ``speech`` and other non-screen media types never match.

Evaluation follows the specification's three-valued logic: an unknown feature or a
``<general-enclosed>`` term is "unknown", which a whole query treats as false (``not``
of unknown stays unknown). A query that does not parse is ``not all``; the other queries
of its list still count.

:class:`Viewport` can be changed per call: the orientation rule evaluates each sheet once
per orientation, everything else being equal (see :func:`orientation_dependence`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import tinycss2

Tristate = bool | None  # None: unknown


@dataclass(frozen=True, slots=True)
class Viewport:
    """The device queries are evaluated for (CSS pixels; ``orientation`` may be forced)."""

    width: float = 1280.0
    height: float = 1024.0
    resolution_dppx: float = 1.0
    forced_orientation: str | None = None

    @property
    def orientation(self) -> str:
        """``portrait`` when the height is at least the width, else ``landscape``."""
        if self.forced_orientation is not None:
            return self.forced_orientation
        return "portrait" if self.height >= self.width else "landscape"


DEFAULT_VIEWPORT = Viewport()
ORIENTATIONS = ("landscape", "portrait")
_SCREEN_TYPES = frozenset({"all", "screen"})
_OTHER_TYPES = frozenset(
    {"print", "speech", "aural", "braille", "embossed", "handheld", "projection", "tty", "tv"}
)
_FONT_PX = 16.0  # em/rem in media queries are the initial font size
_LENGTH_UNITS: dict[str, float] = {
    "px": 1.0,
    "em": _FONT_PX,
    "rem": _FONT_PX,
    "ex": _FONT_PX / 2,
    "ch": _FONT_PX / 2,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "q": 96 / 101.6,
    "pt": 4 / 3,
    "pc": 16.0,
}
_RESOLUTION_UNITS = {"dppx": 1.0, "x": 1.0, "dpi": 1 / 96, "dpcm": 2.54 / 96}
# Discrete features: their value on the default device.
_DISCRETE: dict[str, str] = {
    "orientation": "",  # from the viewport
    "hover": "hover",
    "any-hover": "hover",
    "pointer": "fine",
    "any-pointer": "fine",
    "prefers-color-scheme": "light",
    "prefers-reduced-motion": "no-preference",
    "prefers-reduced-transparency": "no-preference",
    "prefers-reduced-data": "no-preference",
    "prefers-contrast": "no-preference",
    "forced-colors": "none",
    "inverted-colors": "none",
    "scripting": "enabled",
    "update": "fast",
    "overflow-block": "scroll",
    "overflow-inline": "scroll",
    "display-mode": "browser",
    "color-gamut": "srgb",
    "dynamic-range": "standard",
    "video-dynamic-range": "standard",
    "environment-blending": "opaque",
}
# Values that make a discrete feature false in a boolean context (``(hover)``).
_FALSE_IN_BOOLEAN_CONTEXT = frozenset({"none", "no-preference"})


def _range_value(name: str, viewport: Viewport) -> tuple[str, float] | None:
    """(kind, value) of a range feature: ``length``, ``ratio``, ``resolution``, ``integer``."""
    width, height = viewport.width, viewport.height  # a forced orientation changes only itself
    values: dict[str, tuple[str, float]] = {
        "width": ("length", width),
        "height": ("length", height),
        "device-width": ("length", width),
        "device-height": ("length", height),
        "aspect-ratio": ("ratio", width / height),
        "device-aspect-ratio": ("ratio", width / height),
        "resolution": ("resolution", viewport.resolution_dppx),
        "-webkit-device-pixel-ratio": ("number", viewport.resolution_dppx),
        "device-pixel-ratio": ("number", viewport.resolution_dppx),
        "color": ("integer", 8.0),
        "color-index": ("integer", 0.0),
        "monochrome": ("integer", 0.0),
        "grid": ("integer", 0.0),
    }
    return values.get(name)


def _significant(tokens: Sequence[Any]) -> list[Any]:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _ratio(tokens: list[Any]) -> float | None:
    numbers = [t for t in tokens if t.type == "number"]
    slashes = [t for t in tokens if t.type == "literal" and t.value == "/"]
    if len(numbers) == 2 and len(slashes) == 1 and len(tokens) == 3 and numbers[1].value:
        return float(numbers[0].value) / float(numbers[1].value)
    if len(tokens) == 1 and tokens[0].type == "number":
        return float(tokens[0].value)
    return None


def _value_of(tokens: list[Any], kind: str) -> float | None:
    """A feature value of ``kind`` from its tokens (``600px``, ``16/9``, ``2dppx``, ``8``)."""
    if kind == "ratio":
        return _ratio(tokens)
    if len(tokens) != 1:
        return None
    token = tokens[0]
    units = {"length": _LENGTH_UNITS, "resolution": _RESOLUTION_UNITS}.get(kind)
    if units is None:
        return float(token.value) if token.type == "number" else None
    if token.type == "dimension":
        factor = units.get(token.lower_unit)
        return None if factor is None else float(token.value) * factor
    if kind == "length" and token.type == "number" and token.value == 0:
        return 0.0
    return None


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "=": lambda a, b: abs(a - b) < 1e-9,
    "<": lambda a, b: a < b - 1e-9,
    "<=": lambda a, b: a <= b + 1e-9,
    ">": lambda a, b: a > b + 1e-9,
    ">=": lambda a, b: a >= b - 1e-9,
}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}


def _plain_feature(name: str, tokens: list[Any], viewport: Viewport) -> Tristate:
    """``(name: value)``, with ``min-``/``max-`` prefixes for range features."""
    prefix, bare = "", name
    for candidate in ("min-", "max-", "-webkit-min-", "-webkit-max-"):
        if name.startswith(candidate):
            prefix = candidate.strip("-").removeprefix("webkit-")
            bare = name[len(candidate) :]
            if candidate.startswith("-webkit"):
                bare = "-webkit-" + bare
            break
    ranged = _range_value(bare, viewport)
    if ranged is not None:
        kind, actual = ranged
        wanted = _value_of(tokens, kind)
        if wanted is None:
            return None
        operator = {"min": ">=", "max": "<="}.get(prefix.rstrip("-"), "=")
        return _COMPARE[operator](actual, wanted)
    if prefix or bare not in _DISCRETE or len(tokens) != 1 or tokens[0].type != "ident":
        return None
    return bool(tokens[0].lower_value == _discrete(bare, viewport))


def _discrete(name: str, viewport: Viewport) -> str:
    return viewport.orientation if name == "orientation" else _DISCRETE[name]


def _boolean_feature(name: str, viewport: Viewport) -> Tristate:
    ranged = _range_value(name, viewport)
    if ranged is not None:
        return ranged[1] != 0
    if name in _DISCRETE:
        return _discrete(name, viewport) not in _FALSE_IN_BOOLEAN_CONTEXT
    return None


def _range_feature(tokens: list[Any], viewport: Viewport) -> Tristate:
    """``(width >= 600px)``, ``(400px < width <= 700px)``."""
    parts: list[list[Any] | str] = [[]]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "literal" and token.value in ("<", ">", "="):
            operator = token.value
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                operator != "="
                and following is not None
                and following.type == "literal"
                and following.value == "="
            ):
                operator += "="
                index += 1
            parts.extend([operator, []])
        else:
            current = parts[-1]
            assert isinstance(current, list)
            current.append(token)
        index += 1
    if len(parts) not in (3, 5):
        return None
    operands = [part for part in parts[0::2] if isinstance(part, list)]
    operators = [part for part in parts[1::2] if isinstance(part, str)]
    names = [i for i, part in enumerate(operands) if len(part) == 1 and part[0].type == "ident"]
    if len(operands) == 3:
        if names != [1] or operators[0][0] != operators[1][0] or "=" in operators:
            return None
        name = operands[1][0].lower_value
        first = _compare_feature(name, _FLIP[operators[0]], operands[0], viewport)
        second = _compare_feature(name, operators[1], operands[2], viewport)
        return None if first is None or second is None else first and second
    if names and names[0] == 0 and _range_value(operands[0][0].lower_value, viewport):
        return _compare_feature(operands[0][0].lower_value, operators[0], operands[1], viewport)
    if 1 in names:
        name = operands[1][0].lower_value
        return _compare_feature(name, _FLIP[operators[0]], operands[0], viewport)
    return None


def _compare_feature(name: str, operator: str, value: list[Any], viewport: Viewport) -> Tristate:
    ranged = _range_value(name, viewport)
    if ranged is None:
        return None
    wanted = _value_of(value, ranged[0])
    return None if wanted is None else _COMPARE[operator](ranged[1], wanted)


def _feature(tokens: list[Any], viewport: Viewport) -> Tristate:
    """The inside of ``( ... )`` when it is a media feature."""
    if len(tokens) == 1 and tokens[0].type == "ident":
        return _boolean_feature(tokens[0].lower_value, viewport)
    if (
        len(tokens) >= 3
        and tokens[0].type == "ident"
        and tokens[1].type == "literal"
        and tokens[1].value == ":"
    ):
        return _plain_feature(tokens[0].lower_value, tokens[2:], viewport)
    return _range_feature(tokens, viewport)


Leaf = Callable[[list[Any]], Tristate]


def _condition(tokens: list[Any], leaf: Leaf) -> Tristate:
    """``not X``, ``X and Y and ...``, ``X or Y or ...`` over parenthesised terms.

    Raises:
        ValueError: the condition does not parse.
    """
    if not tokens:
        raise ValueError("empty condition")
    first = tokens[0]
    if first.type == "ident" and first.lower_value == "not":
        if len(tokens) != 2:
            raise ValueError("not takes one term")
        inner = _term(tokens[1], leaf)
        return None if inner is None else not inner
    values = [_term(tokens[0], leaf)]
    joiner: str | None = None
    index = 1
    while index < len(tokens):
        word = tokens[index]
        if (
            word.type != "ident"
            or word.lower_value not in ("and", "or")
            or index + 1 >= len(tokens)
        ):
            raise ValueError("expected and/or")
        if joiner is not None and joiner != word.lower_value:
            raise ValueError("and and or mixed without parentheses")
        joiner = word.lower_value
        values.append(_term(tokens[index + 1], leaf))
        index += 2
    if joiner == "or":
        return True if True in values else (None if None in values else False)
    return False if False in values else (None if None in values else True)


def _term(token: Any, leaf: Leaf) -> Tristate:
    """``( condition )``, ``( feature )`` or ``<general-enclosed>`` (unknown)."""
    if token.type == "() block":
        inner = _significant(token.content)
        try:
            return _condition(inner, leaf)
        except ValueError:
            return leaf(inner)
    if token.type == "function":
        return None  # general-enclosed
    raise ValueError("expected a parenthesised term")


def _query(tokens: list[Any], viewport: Viewport) -> bool:
    """One media query of a list (a parse error makes it ``not all``)."""

    def leaf(inner: list[Any]) -> Tristate:
        return _feature(inner, viewport)

    if not tokens:
        return False
    first = tokens[0]
    try:
        if first.type != "ident" or (
            first.lower_value == "not" and len(tokens) > 1 and tokens[1].type != "ident"
        ):
            return _condition(tokens, leaf) is True
        holds = _typed_query(tokens, leaf)
    except ValueError:
        return False
    if holds is None:
        return False
    return not holds if first.lower_value == "not" else holds


def _typed_query(tokens: list[Any], leaf: Leaf) -> Tristate:
    """``[not | only]? <media-type> [and <condition>]?``, before ``not`` applies.

    Raises:
        ValueError: the query does not parse.
    """
    rest = tokens[1:] if tokens[0].lower_value in ("not", "only") else tokens
    if not rest or rest[0].type != "ident":
        raise ValueError("expected a media type")
    media_type = rest[0].lower_value
    if media_type in ("and", "or", "not", "only", "layer"):
        raise ValueError("reserved word as media type")
    type_matches = media_type in _SCREEN_TYPES  # print, speech, unknown types: no
    if len(rest) == 1:
        return type_matches
    if rest[1].type != "ident" or rest[1].lower_value != "and" or len(rest) < 3:
        raise ValueError("expected and")
    condition = _condition(rest[2:], leaf)
    return condition if type_matches else False


def _split_commas(tokens: Sequence[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        elif token.type not in ("whitespace", "comment"):
            groups[-1].append(token)
    return groups


@lru_cache(maxsize=2048)
def media_applies(media: str | None, viewport: Viewport = DEFAULT_VIEWPORT) -> bool:
    """Whether a media query list (``media`` attribute, ``@media`` prelude) matches.

    ``None`` or empty (only whitespace) means all media. A list matches when any of its
    queries does.
    """
    if media is None or not media.strip():
        return True
    tokens = tinycss2.parse_component_value_list(media, skip_comments=True)
    return any(_query(group, viewport) for group in _split_commas(tokens))


PORTRAIT_VIEWPORT = replace(DEFAULT_VIEWPORT, forced_orientation="portrait")
LANDSCAPE_VIEWPORT = replace(DEFAULT_VIEWPORT, forced_orientation="landscape")


def orientation_dependence(media: str | None) -> str | None:
    """Under which orientation of the default device the query list matches.

    Returns ``""`` for both, ``landscape`` or ``portrait`` for one only, ``None`` for
    neither. Only the orientation differs between the two evaluations.
    """
    landscape = media_applies(media, LANDSCAPE_VIEWPORT)
    portrait = media_applies(media, PORTRAIT_VIEWPORT)
    if landscape and portrait:
        return ""
    if landscape:
        return "landscape"
    return "portrait" if portrait else None


def _supports_leaf(tokens: list[Any]) -> Tristate:
    """``(property: value)``: supported when it is a declaration at all."""
    if len(tokens) >= 2 and tokens[0].type == "ident" and tokens[1].type == "literal":
        return bool(tokens[1].value == ":")
    return None


def supports_applies(prelude: Sequence[Any]) -> bool:
    """Whether an ``@supports`` condition holds (every declaration counts as supported).

    ``selector()`` and unknown functions are unknown (false); ``not`` of a declaration is
    false, so the fallback branch of ``@supports not (display: grid)`` is not applied.
    """
    tokens = _significant(prelude)
    if _supports_leaf(tokens) is True:  # @import ... supports(display: grid)
        return True
    if len(tokens) == 1 and tokens[0].type == "function":
        return bool(tokens[0].lower_name == "selector")
    try:
        result = _condition(tokens, _supports_leaf)
    except ValueError:
        return False
    return result is True
