"""A static CSS cascade: ``<style>``, linked and imported sheets, and ``style`` attributes.

Enough of CSS for accessibility rules without layout: what is ``display: none`` or
``visibility: hidden``, colours, font sizes and weights, outlines, clipping and generated
content. Public API:

* :func:`computed_style` -- the computed style of an element (``.get(prop)``, ``.display``,
  ``.visibility``), memoised on the page;
* :func:`may_declare` -- whether some declaration of given properties may apply to an
  element (a pre-filter that spares the element's whole cascade);
* :func:`inline_declarations` -- the ``style`` attribute, parsed;
* :func:`style_rules_for` -- declarations that apply only in a user state (``focus``);
* :func:`pseudo_element_declarations` -- declarations for ``::before`` / ``::after``;
* :func:`select` / :func:`matches` -- the selector engine, for locations and tests;
* :func:`page_sheets` -- the page's sheets as a browser finds them (``loader``), with those
  that could not be read and what rules assume about them.

``display: none`` on an ancestor hides the subtree; that is for the caller to combine (the
computed ``display`` of a child is its own).
"""

from functools import lru_cache

from accessibility_analyzer.engine.css.cascade import (
    computed_style,
    inline_declarations,
    may_declare,
    page_styles,
    pseudo_element_declarations,
    style_rules_for,
)
from accessibility_analyzer.engine.css.computed import Style
from accessibility_analyzer.engine.css.loader import LoadedSheet, PageSheets, page_sheets
from accessibility_analyzer.engine.css.media import (
    DEFAULT_VIEWPORT,
    Viewport,
    media_applies,
    orientation_dependence,
    supports_applies,
)
from accessibility_analyzer.engine.css.selectors import (
    DYNAMIC_PSEUDO_CLASSES,
    Complex,
    InvalidSelector,
    parse_selector_text,
)
from accessibility_analyzer.engine.css.sheets import stylesheet_nodes
from accessibility_analyzer.engine.css.values import PROPERTIES, Declaration, parse_declarations
from accessibility_analyzer.engine.dom import Element, Page


@lru_cache(maxsize=4096)
def _compiled(selector_text: str) -> tuple[Complex, ...] | None:
    """Parsed selectors by text (rules ask the same few selectors for every element)."""
    try:
        return tuple(parse_selector_text(selector_text))
    except InvalidSelector:
        return None


def compile_selector(selector_text: str) -> tuple[Complex, ...]:
    """The parsed selector list (cached by text).

    Raises:
        InvalidSelector: the text is not a selector this engine reads.
    """
    selectors = _compiled(selector_text)
    if selectors is None:
        raise InvalidSelector(selector_text)
    return selectors


def select(page: Page, selector_text: str) -> list[Element]:
    """Elements of ``page`` matching ``selector_text``, in document order.

    Raises:
        InvalidSelector: the text is not a selector this engine reads.
    """
    selectors = compile_selector(selector_text)
    styles = page_styles(page)
    matcher = styles.matcher
    if len(selectors) == 1:
        selector = selectors[0]
        return [e for e in styles.candidates_for(selector) if matcher.matches(selector, e)]
    found: dict[int, Element] = {}
    for selector in selectors:
        for element in styles.candidates_for(selector):
            if element.order not in found and matcher.matches(selector, element):
                found[element.order] = element
    return [found[order] for order in sorted(found)]


def matches(page: Page, element: Element, selector_text: str) -> bool:
    """Whether ``element`` matches ``selector_text`` (raises :class:`InvalidSelector`)."""
    matcher = page_styles(page).matcher
    return any(matcher.matches(s, element) for s in compile_selector(selector_text))


__all__ = [
    "DEFAULT_VIEWPORT",
    "DYNAMIC_PSEUDO_CLASSES",
    "PROPERTIES",
    "Declaration",
    "InvalidSelector",
    "LoadedSheet",
    "PageSheets",
    "Style",
    "Viewport",
    "compile_selector",
    "computed_style",
    "inline_declarations",
    "matches",
    "may_declare",
    "media_applies",
    "orientation_dependence",
    "page_sheets",
    "parse_declarations",
    "pseudo_element_declarations",
    "select",
    "style_rules_for",
    "stylesheet_nodes",
    "supports_applies",
]
