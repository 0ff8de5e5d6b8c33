"""Which elements' ``lang`` some exposed text inherits (valid-lang, lang-matches-content)."""

from __future__ import annotations

from itertools import islice

from accessibility_analyzer.engine.aria import (
    accessible_description,
    accessible_name,
    is_hidden,
    is_included_in_accessibility_tree,
)
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.standards.html import NON_CONTENT_TAGS
from accessibility_analyzer.rules.document._shared import is_only_whitespace

# Attributes that can give an element an accessible name or description of its own.
_TEXT_ATTRIBUTES = (
    "alt",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-description",
    "title",
    "placeholder",
    "value",
)


def _has_non_empty_lang(element: Element) -> bool:
    value = element.attrs.get("lang")
    return value is not None and value != ""


def _language_owners(page: Page) -> dict[int, Element | None]:
    """Element order -> the applicable element its text takes its language from.

    Only elements inside ``<body>`` (inclusive) are keys. The value is the nearest inclusive
    ancestor with a non-empty ``lang`` when that is an HTML element inside body, else ``None``.
    Document order visits parents before children, so one pass suffices.
    """
    owners: dict[int, Element | None] = {}
    for element in page.elements:
        parent = element.parent
        if element.is_html and element.tag == "body":
            inherited = None
        elif parent is not None and parent.order in owners:
            inherited = owners[parent.order]
        else:
            continue
        if _has_non_empty_lang(element):
            owners[element.order] = element if element.is_html else None
        else:
            owners[element.order] = inherited
    return owners


def _has_own_text(page: Page, element: Element) -> bool:
    """Rendered text children, or an accessible name/description from attributes.

    The cheap markup tests come first: hidden-ness needs the style cascade.
    """
    if element.tag in NON_CONTENT_TAGS:
        return False
    has_text_child = any(
        isinstance(child, Text) and not is_only_whitespace(child.data) for child in element.children
    )
    has_text_attribute = any(element.has(name) for name in _TEXT_ATTRIBUTES)
    if not (has_text_child or has_text_attribute) or is_hidden(page, element):
        return False
    if has_text_child:
        return True
    return is_included_in_accessibility_tree(page, element) and bool(
        accessible_name(page, element).strip() or accessible_description(page, element).strip()
    )


def elements_with_language_text(page: Page) -> list[Element]:
    """Elements in body with a non-empty lang from which some exposed text inherits it.

    Memoised per page: valid-lang and lang-matches-content both ask.
    """
    memo: dict[int, list[Element]] = page.memo_table("rules.language_text_owners")
    cached = memo.get(page.root.order)
    if cached is not None:
        return cached
    if not any(element.attrs.get("lang") for element in islice(page.elements, 1, None)):
        memo[page.root.order] = []  # only the root (if anything) declares a language
        return []
    owners = _language_owners(page)
    with_text: dict[int, Element] = {}
    for element in page.elements:
        owner = owners.get(element.order)
        if owner is None or owner.order in with_text:
            continue
        if _has_own_text(page, element):
            with_text[owner.order] = owner
    found = sorted(with_text.values(), key=lambda element: element.order)
    memo[page.root.order] = found
    return found
