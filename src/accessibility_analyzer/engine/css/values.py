"""Declarations: parsing ``prop: value`` lists, the properties the cascade tracks, shorthands.

Values are kept as normalised text (lower case, single spaces), except ``content`` and
``font-family`` whose strings are case-sensitive, custom properties (``--name``, kept as
written) and values holding ``var()`` (lowered once substituted, see :mod:`.variables`).
Only the tracked properties, the shorthands that set them and custom properties survive
parsing: nothing else is read by any rule, and dropping the rest early keeps big framework
stylesheets cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import tinycss2

from accessibility_analyzer.engine.css.variables import has_references, pending_value

# Property -> (inherited, initial value). Initial values as CSS 2.2 / CSS 3 define them.
PROPERTIES: dict[str, tuple[bool, str]] = {
    "display": (False, "inline"),
    "visibility": (True, "visible"),
    "color": (True, "canvastext"),
    "background-color": (False, "transparent"),
    "background-image": (False, "none"),
    "font-size": (True, "16px"),
    "font-weight": (True, "400"),
    "font-style": (True, "normal"),
    "font-family": (True, "serif"),
    "opacity": (False, "1"),
    "position": (False, "static"),
    "clip": (False, "auto"),
    "clip-path": (False, "none"),
    "overflow-x": (False, "visible"),
    "overflow-y": (False, "visible"),
    "letter-spacing": (True, "normal"),
    "word-spacing": (True, "normal"),
    "line-height": (True, "normal"),
    "transform": (False, "none"),
    "outline-style": (False, "none"),
    "outline-width": (False, "medium"),
    "outline-color": (False, "currentcolor"),
    "outline-offset": (False, "0px"),
    "box-shadow": (False, "none"),
    "border-style": (False, "none"),
    "content": (False, "normal"),
    "width": (False, "auto"),
    "height": (False, "auto"),
    "max-width": (False, "none"),
    "max-height": (False, "none"),
    "text-indent": (True, "0px"),
    "text-align": (True, "start"),
    "text-decoration-line": (False, "none"),
    "text-transform": (True, "none"),
    "white-space": (True, "normal"),
    "text-overflow": (False, "clip"),
    "direction": (True, "ltr"),
    "pointer-events": (True, "auto"),
    "cursor": (True, "auto"),
    "z-index": (False, "auto"),
    "top": (False, "auto"),
    "left": (False, "auto"),
    "right": (False, "auto"),
    "bottom": (False, "auto"),
    "content-visibility": (False, "visible"),
    "speak": (True, "auto"),
    # What hides or changes the backdrop of text (colour contrast cannot tell then).
    "mix-blend-mode": (False, "normal"),
    "filter": (False, "none"),
    "text-shadow": (True, "none"),
    "background-clip": (False, "border-box"),
    "-webkit-background-clip": (False, "border-box"),
    "-webkit-text-fill-color": (True, "currentcolor"),
    "border-bottom-style": (False, "none"),
    # Box sizes (target-size): padding, horizontal margins, one border width for all sides.
    "box-sizing": (False, "content-box"),
    "min-width": (False, "auto"),
    "min-height": (False, "auto"),
    "padding-top": (False, "0px"),
    "padding-right": (False, "0px"),
    "padding-bottom": (False, "0px"),
    "padding-left": (False, "0px"),
    "margin-left": (False, "0px"),
    "margin-right": (False, "0px"),
    "margin-top": (False, "0px"),  # a negative one moves text over other boxes (contrast)
    "border-width": (False, "medium"),
}
INHERITED = frozenset(name for name, (inherited, _) in PROPERTIES.items() if inherited)
_CASE_SENSITIVE = frozenset({"content", "font-family"})
_SHORTHANDS = frozenset(
    {
        "background",
        "outline",
        "overflow",
        "font",
        "text-decoration",
        "border",
        "border-bottom",
        "padding",
        "margin",
    }
)
_WHITESPACE = re.compile(r"\s+")
_FONT_SIZE_TOKEN = re.compile(
    r"^(?:[0-9.]+(?:px|pt|pc|em|rem|ex|ch|%|vw|vh|vmin|vmax|in|cm|mm|q)|xx-small|x-small|small"
    r"|medium|large|x-large|xx-large|xxx-large|smaller|larger)(?:/(.+))?$"
)
_FONT_WEIGHTS = frozenset({"bold", "bolder", "lighter", "100", "200", "300", "400", "500", "600"})
_FONT_WEIGHTS_HEAVY = frozenset({"700", "800", "900"})
_OUTLINE_STYLES = frozenset(
    {"none", "auto", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset"}
)
_CSS_WIDE = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})


@dataclass(frozen=True, slots=True)
class Declaration:
    """One ``name: value`` pair (value normalised; ``important`` for ``!important``)."""

    name: str
    value: str
    important: bool = False


def normalise_value(name: str, tokens: Iterable[Any]) -> str:
    """Serialise a declaration value: single spaces, lower case where CSS is case-blind.

    Values with ``var()`` keep their case (custom property names are case-sensitive):
    :func:`lowered` applies once they are substituted.
    """
    text = _WHITESPACE.sub(" ", tinycss2.serialize(tokens)).strip()
    return text if name in _CASE_SENSITIVE or has_references(text) else text.lower()


def lowered(name: str, value: str) -> str:
    """A substituted value, normalised as a declared one would be."""
    value = _WHITESPACE.sub(" ", value).strip()
    return value if name in _CASE_SENSITIVE else value.lower()


def _split_top_level(value: str, separator: str = " ") -> list[str]:
    """Split outside parentheses (``url(a b)`` and ``rgb(1, 2, 3)`` stay whole)."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in value:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char == separator and depth == 0:
            if current:
                parts.append("".join(current).strip())
                current = []
            continue
        current.append(char)
    if current:
        parts.append("".join(current).strip())
    return [part for part in parts if part]


# Keywords of the other background longhands: any other bare word is a colour name.
_BACKGROUND_KEYWORDS = frozenset(
    {
        "none", "repeat", "repeat-x", "repeat-y", "no-repeat", "space", "round", "scroll",
        "fixed", "local", "top", "bottom", "left", "right", "center", "cover", "contain",
        "auto", "border-box", "padding-box", "content-box", "text", "/",
    }
)  # fmt: skip
_COLOUR_FUNCTIONS = ("#", "rgb", "hsl", "hwb", "lab(", "lch(", "oklab(", "oklch(", "color(")


def _background(value: str) -> list[tuple[str, str]]:
    """``background`` -> colour (from the final layer) and images (``url()``, gradients)."""
    colour = "transparent"
    layers = _split_top_level(value, ",") or [""]
    for part in _split_top_level(layers[-1]):
        if part.startswith(_COLOUR_FUNCTIONS) or (
            part.isalpha() and part not in _BACKGROUND_KEYWORDS
        ):
            colour = part
    images = [part for part in _split_top_level(value) if "gradient(" in part or "url(" in part]
    return [("background-color", colour), ("background-image", " ".join(images) or "none")]


def _outline(value: str) -> list[tuple[str, str]]:
    style, width, colour = "none", "medium", "currentcolor"
    for part in _split_top_level(value):
        if part in _OUTLINE_STYLES:
            style = part
        elif part[:1].isdigit() or part[:1] == "." or part in ("thin", "medium", "thick"):
            width = part
        else:
            colour = part
    return [("outline-style", style), ("outline-width", width), ("outline-color", colour)]


def _border_style(value: str) -> str:
    style = "none"
    for part in _split_top_level(value):
        if part in _OUTLINE_STYLES:
            style = part
    return style


def _border_width(value: str) -> str:
    width = "medium"
    for part in _split_top_level(value):
        if part[:1].isdigit() or part[:1] == "." or part in ("thin", "medium", "thick"):
            width = part
    return width


def _border(value: str) -> list[tuple[str, str]]:
    style = _border_style(value)
    return [
        ("border-style", style),
        ("border-bottom-style", style),
        ("border-width", _border_width(value)),
    ]


def _border_bottom(value: str) -> list[tuple[str, str]]:
    return [("border-bottom-style", _border_style(value))]


def _sides(value: str) -> list[str]:
    """``a b c d`` box shorthand values as top, right, bottom, left (CSS 1-4 value rule)."""
    parts = _split_top_level(value)[:4] or ["0px"]
    while len(parts) < 4:
        parts.append(parts[{1: 0, 2: 0, 3: 1}[len(parts)]])
    return parts


def _padding(value: str) -> list[tuple[str, str]]:
    top, right, bottom, left = _sides(value)
    return [
        ("padding-top", top),
        ("padding-right", right),
        ("padding-bottom", bottom),
        ("padding-left", left),
    ]


def _margin(value: str) -> list[tuple[str, str]]:
    top, right, _, left = _sides(value)
    return [("margin-top", top), ("margin-right", right), ("margin-left", left)]


def _overflow(value: str) -> list[tuple[str, str]]:
    parts = _split_top_level(value) or ["visible"]
    return [("overflow-x", parts[0]), ("overflow-y", parts[-1])]


def _font(value: str) -> list[tuple[str, str]]:
    size, weight, style, line_height = "medium", "400", "normal", "normal"
    parts = _split_top_level(value)
    family_from = len(parts)
    for index, part in enumerate(parts):
        sized = _FONT_SIZE_TOKEN.match(part)
        if sized is not None:
            size, _, line_height = part.partition("/")
            line_height = line_height or "normal"
            if index + 1 < len(parts) and parts[index + 1] == "/" and index + 2 < len(parts):
                line_height = parts[index + 2]
                family_from = index + 3
            else:
                family_from = index + 1
            break
        if part in _FONT_WEIGHTS or part in _FONT_WEIGHTS_HEAVY:
            weight = part
        elif part in ("italic", "oblique"):
            style = part
    family = " ".join(parts[family_from:]) or "serif"
    return [
        ("font-size", size),
        ("font-weight", weight),
        ("font-style", style),
        ("line-height", line_height),
        ("font-family", family),
    ]


def _text_decoration(value: str) -> list[tuple[str, str]]:
    lines = [
        part
        for part in _split_top_level(value)
        if part in ("none", "underline", "overline", "line-through", "blink")
    ]
    return [("text-decoration-line", " ".join(lines) or "none")]


_EXPANDERS = {
    "background": _background,
    "outline": _outline,
    "overflow": _overflow,
    "font": _font,
    "text-decoration": _text_decoration,
    "border": _border,
    "border-bottom": _border_bottom,
    "padding": _padding,
    "margin": _margin,
}


def expand(name: str, value: str, important: bool) -> list[Declaration]:
    """Longhand declarations for ``name: value`` (only tracked properties are kept)."""
    if name in PROPERTIES:
        return [Declaration(name, value, important)]
    if name in _SHORTHANDS:
        if value in _CSS_WIDE:  # "font: inherit" sets every longhand to inherit
            return [Declaration(longhand, value, important) for longhand, _ in _EXPANDERS[name]("")]
        if has_references(value):  # split once var() is substituted
            pending = pending_value(name, value)
            return [
                Declaration(longhand, pending, important) for longhand, _ in _EXPANDERS[name]("")
            ]
        return [
            Declaration(longhand, part, important) for longhand, part in _EXPANDERS[name](value)
        ]
    return []


def declarations_from_tokens(tokens: Sequence[Any]) -> list[Declaration]:
    """Parse the content of a ``{}`` block (or a ``style`` attribute) into declarations."""
    declarations: list[Declaration] = []
    try:
        items = tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True)
    except RecursionError:  # absurdly nested blocks: the declarations are unreadable
        return declarations
    for item in items:
        if item.type != "declaration":
            continue  # nested rules and parse errors are ignored, as browsers drop them
        name = item.lower_name
        if name.startswith("--"):
            custom = _custom_property(item)
            if custom is not None:
                declarations.append(custom)
            continue
        if name not in PROPERTIES and name not in _SHORTHANDS:
            continue
        try:
            value = normalise_value(name, item.value)  # tinycss2 serialises recursively
        except RecursionError:
            continue
        if value:
            declarations.extend(expand(name, value, bool(item.important)))
    return declarations


def _custom_property(item: Any) -> Declaration | None:
    """``--name: value`` as written (the name is case-sensitive), ``None`` when unreadable."""
    try:
        value = _WHITESPACE.sub(" ", tinycss2.serialize(item.value)).strip()
    except RecursionError:
        return None
    return Declaration(item.name, value, bool(item.important))


def expand_substituted(shorthand: str, text: str, longhand: str) -> str | None:
    """The value ``longhand`` gets from ``shorthand: text`` (text already substituted)."""
    value = lowered(shorthand, text)
    if value in _CSS_WIDE:
        return value
    for name, part in _EXPANDERS[shorthand](value):
        if name == longhand:
            return part
    return None


def parse_declarations(text: str) -> list[Declaration]:
    """Parse a ``style`` attribute's text (in order; when reading, the last one wins)."""
    try:
        tokens = tinycss2.parse_component_value_list(text)
    except RecursionError:
        return []
    return declarations_from_tokens(tokens)
