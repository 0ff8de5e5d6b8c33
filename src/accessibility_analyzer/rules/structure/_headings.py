"""Heading levels as browsers expose them."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element

_DEFAULT_LEVEL = 2  # WAI-ARIA: role="heading" without aria-level is level 2
_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}


def heading_level(element: Element) -> int:
    """``aria-level`` when it is a positive integer, else the ``hN`` rank, else 2."""
    value = (element.attrs.get("aria-level") or "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    if element.is_html and element.tag in _HEADING_TAGS:
        return _HEADING_TAGS[element.tag]
    return _DEFAULT_LEVEL
