"""The one place the semantics layer asks for CSS.

Every style question of this package goes through :func:`style_of`, backed by the engine's
cascade (``<style>``, linked sheets of the upload, ``style`` attributes and the user-agent
defaults that matter: ``display:none`` elements, ``[hidden]``, closed ``<details>``).
"""

from __future__ import annotations

from accessibility_analyzer.engine.css import Style, computed_style
from accessibility_analyzer.engine.dom import ComputedStyle, Element, Page


def style_of(page: Page, element: Element) -> ComputedStyle:
    """The computed style of ``element`` (memoised per page by the cascade)."""
    return computed_style(page, element)


def declared_style(page: Page, element: Element) -> Style:
    """The element's style with its own declared values (``.specified(prop)``).

    Cheaper than computed values (no inheritance walk); used where a property matters only
    on the element that sets it and the caller inherits the conclusion itself.
    """
    return computed_style(page, element)
