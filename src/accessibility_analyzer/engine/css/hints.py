"""Presentational hints: attributes that act as author style with the lowest precedence.

Browsers turn some attributes into style (HTML § 15 "Rendering", SVG 2 "presentation
attributes"): they lose against every style rule and the ``style`` attribute. Only the
properties the cascade tracks are mapped: ``<svg><g display="none">``, ``<rect
visibility="hidden">``, ``<font color>``, ``bgcolor``, ``width`` and ``height`` of images,
media and tables.
"""

from __future__ import annotations

import re

from accessibility_analyzer.engine.css.values import PROPERTIES, Declaration, parse_declarations
from accessibility_analyzer.engine.dom import Element, Namespace

# SVG presentation attributes among the tracked properties (same names as the properties).
_SVG_PRESENTATION = tuple(
    name
    for name in (
        "display", "visibility", "opacity", "color", "font-size", "font-weight", "font-style",
        "font-family", "overflow", "clip", "clip-path", "letter-spacing", "word-spacing",
        "pointer-events", "transform", "direction",
    )
    if name in PROPERTIES or name == "overflow"
)  # fmt: skip
_DIMENSION_ELEMENTS = frozenset(
    {"img", "video", "canvas", "iframe", "embed", "object", "table", "td", "th", "col"}
)
_DIMENSION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)(%?)")
_BGCOLOR_ELEMENTS = frozenset({"body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"})
_HINTED_TAGS = _DIMENSION_ELEMENTS | _BGCOLOR_ELEMENTS | {"input", "font"}


def _length(value: str) -> str | None:
    """An HTML dimension attribute (``100``, ``50%``) as CSS, ``None`` when invalid."""
    match = _DIMENSION.match(value)
    if match is None:
        return None
    number, percent = match.groups()
    return f"{number}%" if percent else f"{number}px"


def _html_hints(element: Element) -> list[Declaration]:
    tag = element.tag
    if tag not in _HINTED_TAGS:
        return []  # most elements: asked for every element the cascade styles
    attrs = element.attrs
    hints: list[Declaration] = []
    if tag in _DIMENSION_ELEMENTS or (tag == "input" and attrs.get("type", "").lower() == "image"):
        for name in ("width", "height"):
            if name in attrs:
                length = _length(attrs[name])
                if length is not None:
                    hints.append(Declaration(name, length))
    if "bgcolor" in attrs and tag in _BGCOLOR_ELEMENTS:
        hints.append(Declaration("background-color", attrs["bgcolor"].strip().lower()))
    if tag == "font" and "color" in attrs:
        hints.append(Declaration("color", attrs["color"].strip().lower()))
    if tag == "body" and "text" in attrs:
        hints.append(Declaration("color", attrs["text"].strip().lower()))
    return [hint for hint in hints if hint.value]


def presentational_hints(element: Element) -> list[Declaration]:
    """Declarations an element's attributes imply (lowest author precedence), in order."""
    attrs = element.attrs
    if not attrs:
        return []
    if element.namespace is Namespace.SVG:
        hints: list[Declaration] = []
        for name in _SVG_PRESENTATION:
            value = attrs.get(name)
            if value and value.strip():
                hints.extend(parse_declarations(f"{name}: {value}"))
        return [hint for hint in hints if not hint.important]
    if element.namespace is Namespace.HTML:
        return _html_hints(element)
    return []
