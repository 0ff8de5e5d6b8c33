"""Short texts for verdict reasons, shared by every rule family: lists, attributes, elements."""

from __future__ import annotations

from collections.abc import Iterable

from accessibility_analyzer.engine.dom import Element

_MAX_LISTED = 5
_MAX_VALUE = 60


def listing(names: Iterable[str]) -> str:
    """``a, b, c`` for a reason text, cut after a few items so reasons stay short."""
    items = list(names)
    shown = ", ".join(items[:_MAX_LISTED])
    return shown if len(items) <= _MAX_LISTED else f"{shown} and {len(items) - _MAX_LISTED} more"


def quoted_attribute(element: Element, name: str) -> str:
    """``name="value"`` with the value shortened, for reasons."""
    value = element.attrs.get(name, "")
    if len(value) > _MAX_VALUE:
        value = value[: _MAX_VALUE - 1] + "…"
    return f'{name}="{value}"'


def describe(element: Element) -> str:
    """A short, constant-size description for reasons: ``<a id="home" class="nav">``.

    Not a full selector: building one costs the element's depth, and a reason is written
    for every target (quadratic on deeply nested pages).
    """
    parts = [element.tag]
    for name in ("id", "class"):
        value = element.attrs.get(name)
        if value:
            shown = value if len(value) <= _MAX_VALUE else value[: _MAX_VALUE - 1] + "…"
            parts.append(f'{name}="{shown}"')
    return f"<{' '.join(parts)}>"
