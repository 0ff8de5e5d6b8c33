"""The text the contrast rules test: which elements hold visible text, and how big it is.

A target is an HTML element with a direct text child holding non-whitespace text (one
finding per element, as axe-core reports), except text of a disabled widget or group, or of
a label of one (ACT afw4f7 applicability), and text the cascade shows is not visible.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from accessibility_analyzer.engine.aria import is_disabled, is_hidden, labels_of, role_of
from accessibility_analyzer.engine.css import computed_style
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page, Text
from accessibility_analyzer.engine.standards.aria import superclass_closure

# Elements whose text children are not painted as text by the page (native widgets draw
# option lists; the rest generate no box in any case).
_NOT_PAINTED_TEXT = frozenset(
    {"option", "optgroup", "select", "datalist", "script", "style", "template", "title",
     "noscript", "iframe", "object", "video", "audio", "canvas", "svg", "math"}
)  # fmt: skip
_DISABLED_KINDS = frozenset({"widget", "group"})


def own_text(element: Element) -> str:
    """The element's direct text children, joined (whitespace kept)."""
    return "".join(child.data for child in element.children if isinstance(child, Text))


def has_own_text(element: Element) -> bool:
    """Whether a direct text child holds non-whitespace text."""
    # A loop, not any() over a generator: asked for every element of every page.
    for child in element.children:  # noqa: SIM110
        if isinstance(child, Text) and not child.data.isspace():
            return True
    return False


def text_elements(page: Page) -> list[Element]:
    """HTML elements with their own text that is rendered (not ``display: none`` or
    ``visibility: hidden``), outside disabled widgets and their labels.

    Visually-hidden techniques (clips, off-screen positions) are for the caller to test,
    only where the contrast could fail: they cost more. Memoised per page.
    """
    table = page.memo_table("colour.text_elements")
    known = table.get(-1)
    if known is not None:
        return known  # type: ignore[no-any-return]
    may_be_disabled = bool(_disabled_roots(page))
    found = [
        element
        for element in page.elements
        if element.is_html
        and element.tag not in _NOT_PAINTED_TEXT
        and has_own_text(element)
        and not is_hidden(page, element)
        and not (may_be_disabled and _in_disabled_context(page, element))
    ]
    table[-1] = found
    return found


def _disabled_roots(page: Page) -> list[Element]:
    """Elements carrying ``disabled`` or ``aria-disabled`` (none on most pages)."""
    table = page.memo_table("colour.disabled_roots")
    known = table.get(-1)
    if known is None:
        known = table[-1] = [
            element
            for element in page.elements
            if "disabled" in element.attrs or "aria-disabled" in element.attrs
        ]
    return known


def _is_widget_or_group(page: Page, element: Element) -> bool:
    role = role_of(page, element)
    if role is None:
        return False
    return role in _DISABLED_KINDS or bool(_DISABLED_KINDS & superclass_closure(role))


def _disabled_labels(page: Page) -> frozenset[int]:
    """Orders of elements used in the name of a disabled widget (labels, labelledby)."""
    table = page.memo_table("colour.disabled_labels")
    known = table.get(-1)
    if known is not None:
        return known  # type: ignore[no-any-return]
    found: set[int] = set()
    for element in _disabled_roots(page):
        attrs = element.attrs
        if is_disabled(page, element) and _is_widget_or_group(page, element):
            found.update(label.order for label in labels_of(page, element))
            for token in (attrs.get("aria-labelledby") or "").split():
                referenced = page.get_element_by_id(token)
                if referenced is not None:
                    found.add(referenced.order)
    result = table[-1] = frozenset(found)
    return result


def _in_disabled_context(page: Page, element: Element) -> bool:
    """ACT afw4f7: an inclusive ancestor is a disabled widget or group, or a label of one."""
    table = page.element_table("colour.disabled_context")
    labels = _disabled_labels(page)
    chain: list[Element] = []
    node: Element | None = element
    while node is not None and table[node.order] is NOT_COMPUTED:
        chain.append(node)
        node = node.parent
    inherited = bool(table[node.order]) if node is not None else False
    for current in reversed(chain):
        inherited = (
            inherited
            or current.order in labels
            or (
                current.is_html
                and is_disabled(page, current)
                and _is_widget_or_group(page, current)
            )
        )
        table[current.order] = inherited
    return bool(table[element.order])


def expresses_language(text: str) -> bool:
    """Whether the text holds a letter or a digit (symbols and punctuation express nothing
    in a human language: ACT afw4f7's exception)."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


@dataclass(frozen=True, slots=True)
class Font:
    """The computed font size (px, ``None`` when layout decides) and weight of text."""

    size: float | None
    weight: int

    @property
    def bold(self) -> bool:
        """Weight 700 or more."""
        return self.weight >= 700

    def is_large(self) -> bool | None:
        """WCAG large-scale text: 18pt, or 14pt bold (points rounded up as axe-core does);
        ``None`` when the size needs layout."""
        return _is_large(self.size, self.weight)


@lru_cache(maxsize=1024)  # a page has a few fonts, asked about for every text element
def _is_large(size: float | None, weight: int) -> bool | None:
    if size is None:
        return None
    points = math.ceil(size * 72) / 96
    return points >= 18 or (weight >= 700 and points >= 14)


def font_of(page: Page, element: Element) -> Font:
    """Computed font size in px and weight of the element's own text."""
    style = computed_style(page, element)
    return _font(style.get("font-size") or "16px", style.get("font-weight") or "400")


@lru_cache(maxsize=1024)
def _font(size_text: str, weight_text: str) -> Font:
    """The Font of computed values, one per pair of texts: a page has a few, asked about
    for every text element (a frozen dataclass's ``__init__`` costs ~10x this lookup, and
    stays interpreted Python in the compiled engine)."""
    size: float | None = None
    if size_text.endswith("px"):
        try:
            size = float(size_text[:-2])
        except ValueError:
            size = None
    try:
        weight = int(float(weight_text))
    except ValueError:
        weight = 400
    return Font(size, weight)
