"""The one place the semantics layer asks for CSS.

Every style question of this package goes through :func:`style_of`, backed by the engine's
cascade (``<style>``, linked sheets of the upload, ``style`` attributes and the user-agent
defaults that matter: ``display:none`` elements, ``[hidden]``, closed ``<details>``).
"""

from __future__ import annotations

from accessibility_analyzer.engine.css import computed_style
from accessibility_analyzer.engine.dom import ComputedStyle, Element, Page


def style_of(page: Page, element: Element) -> ComputedStyle:
    """The computed style of ``element`` (memoised per page by the cascade)."""
    return computed_style(page, element)
