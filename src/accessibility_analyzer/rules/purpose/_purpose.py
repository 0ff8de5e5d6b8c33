"""What the purpose rules share: the text they show the oracle, the elements they ask about."""

from __future__ import annotations

from accessibility_analyzer.engine.aria import accessible_name
from accessibility_analyzer.engine.dom import Element, Page

_MAX_SHOWN = 80


def shown_name(page: Page, element: Element) -> str:
    """The accessible name, whitespace collapsed and cut, for a reason."""
    name = " ".join(accessible_name(page, element).split())
    return name if len(name) <= _MAX_SHOWN else name[: _MAX_SHOWN - 1] + "…"


def matching_name(page: Page, element: Element) -> str:
    """The accessible name compared as ACT "matching": whitespace collapsed, case ignored."""
    return " ".join(accessible_name(page, element).split()).casefold()
