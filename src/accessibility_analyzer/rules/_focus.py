"""Sequential focus navigation helpers shared by rule families (ARIA, structure, style)."""

from __future__ import annotations

from accessibility_analyzer.engine.aria import is_in_sequential_focus_navigation
from accessibility_analyzer.engine.dom import Element, Page

# Elements that can be focusable without a tabindex (HTML "focusable areas"); anything else
# needs a tabindex or contenteditable. Checked first because focusability asks the cascade.
_MAYBE_FOCUSABLE_TAGS = frozenset(
    {"a", "area", "audio", "button", "iframe", "input", "select", "summary", "textarea", "video"}
)


def may_be_focusable(element: Element) -> bool:
    """A cheap pre-filter: ``False`` means the element is certainly not focusable."""
    attrs = element.attrs
    return element.tag in _MAYBE_FOCUSABLE_TAGS or "tabindex" in attrs or "contenteditable" in attrs


def tabbable_descendants(page: Page) -> dict[int, Element]:
    """Element order -> its first descendant (exclusive) in sequential focus navigation.

    Elements with no such descendant are absent. One bottom-up pass over the page (in
    reverse document order every child is seen before its parent), memoised per page, so
    rules asking about nested containers stay linear.
    """
    table = page.memo_table("rules.tabbable_descendants")
    found: dict[int, Element] | None = table.get(page.root.order)
    if found is None:
        found = {}
        for element in reversed(page.elements):
            parent = element.parent
            if parent is None:
                continue
            candidate = found.get(element.order)
            if may_be_focusable(element) and is_in_sequential_focus_navigation(page, element):
                candidate = element
            if candidate is not None:
                current = found.get(parent.order)
                if current is None or candidate.order < current.order:
                    found[parent.order] = candidate
        table[page.root.order] = found
    return found


def tabbable_inclusive_descendant(page: Page, element: Element) -> Element | None:
    """The element itself when Tab reaches it, else its first tabbable descendant."""
    if may_be_focusable(element) and is_in_sequential_focus_navigation(page, element):
        return element
    return tabbable_descendants(page).get(element.order)
