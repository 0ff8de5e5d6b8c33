"""What the image rules share: which elements are images, and who names them."""

from __future__ import annotations

from accessibility_analyzer.engine.aria import accessible_name, name_source
from accessibility_analyzer.engine.dom import Element, Namespace, Page

# Where a name counts as given by the author rather than computed from content (WAI-ARIA
# "name from author"): an image inside such an element is described by that name instead.
_AUTHOR_NAME_ATTRIBUTES = ("aria-label", "aria-labelledby")
_AUTHOR_NAME_SOURCES = frozenset(_AUTHOR_NAME_ATTRIBUTES)


def is_image_content(element: Element) -> bool:
    """An ``img`` with a source, a ``canvas`` or an ``<svg>`` root: ACT's image content."""
    if element.namespace is Namespace.SVG:
        return element.tag == "svg"
    if not element.is_html or element.tag not in {"img", "canvas"}:
        return False
    # An <img> with no source never becomes "completely available": nothing is shown.
    return element.tag != "img" or bool(
        (element.attrs.get("src") or element.attrs.get("srcset") or "").strip()
    )


def _named_from_author(page: Page, element: Element) -> bool:
    """Whether this element's accessible name comes from aria-label/aria-labelledby."""
    if not any((element.attrs.get(name) or "").strip() for name in _AUTHOR_NAME_ATTRIBUTES):
        return False
    return (
        name_source(page, element) in _AUTHOR_NAME_SOURCES
        and accessible_name(page, element).strip() != ""
    )


def has_author_named_ancestor(page: Page, element: Element) -> bool:
    """Whether an ancestor (not the element itself) is named from author; memoised per page."""
    memo: dict[int, bool] = page.memo_table("rules.author_named_inclusive")
    chain: list[Element] = []
    node = element.parent
    found = False
    while node is not None:
        known = memo.get(node.order)
        if known is not None:
            found = known
            break
        chain.append(node)
        node = node.parent
    for link in reversed(chain):
        found = found or _named_from_author(page, link)
        memo[link.order] = found
    return found


def image_candidates(page: Page) -> list[Element]:
    """``img``, ``canvas`` and ``svg`` elements of the page, in document order."""
    found = [*page.by_tag("img"), *page.by_tag("canvas"), *page.by_tag("svg")]
    return sorted(found, key=lambda element: element.order)
