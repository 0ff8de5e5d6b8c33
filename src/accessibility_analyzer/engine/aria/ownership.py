"""Parents and children in the accessibility tree (the ACT "owned by" relation).

An element's accessibility children are its DOM children, except that elements which
have no node of their own are transparent (their children are taken instead): elements
not included in the accessibility tree, and elements with no role, role ``generic``, or
an effective ``none``/``presentation`` role. ``aria-owns`` moves the referenced elements
under the owning element (the first owner wins, as in browsers; an element cannot own
itself or one of its ancestors).
"""

from __future__ import annotations

from accessibility_analyzer.engine.aria._memo import inherited, memoised
from accessibility_analyzer.engine.aria.focus import is_focusable
from accessibility_analyzer.engine.aria.hidden import (
    is_aria_hidden,
    is_hidden,
    is_inert,
    is_not_rendered,
)
from accessibility_analyzer.engine.aria.roles import has_global_aria_attribute, role_of
from accessibility_analyzer.engine.aria.tree import is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES

_INDEX_KEY = -1


def has_accessibility_node(page: Page, element: Element) -> bool:
    """Whether the element is a node of its own in the accessibility tree.

    Included elements with a role have one; so do generic elements that are focusable or
    carry a global ARIA attribute (browsers keep those, ``<div aria-live="polite">``).
    """
    if not is_included_in_accessibility_tree(page, element):
        return False
    role = role_of(page, element)
    if role is not None and role != "generic" and role not in PRESENTATIONAL_ROLES:
        return True
    if role in PRESENTATIONAL_ROLES:
        return False
    return has_global_aria_attribute(element) or is_focusable(page, element)


def _aria_owners(page: Page) -> dict[int, Element]:
    """Owned element order -> the element whose ``aria-owns`` claims it first."""
    table = page.memo_table("aria.aria_owns")
    index = table.get(_INDEX_KEY)
    if index is None:
        index = {}
        for element in page.elements:
            value = element.attrs.get("aria-owns")
            if not value:
                continue
            for reference in value.split():
                target = page.get_element_by_id(reference)
                if (
                    target is None
                    or target is element
                    or target.order in index
                    or any(ancestor is target for ancestor in element.ancestors())
                ):
                    continue
                index[target.order] = element
        table[_INDEX_KEY] = index
    owners: dict[int, Element] = index
    return owners


def _owned(page: Page, element: Element) -> tuple[list[Element], str]:
    """The owned elements and the text owned directly (through transparent elements)."""

    def compute(node: Element) -> tuple[list[Element], str]:
        owners = _aria_owners(page)
        found: list[Element] = []
        text: list[str] = []
        stack: list[Element | Text] = list(reversed(node.children))
        while stack:
            child = stack.pop()
            if isinstance(child, Text):
                parent = child.parent
                if parent is None or not is_hidden(page, parent):
                    text.append(child.data)
                continue
            owner = owners.get(child.order)
            if owner is not None and owner is not node:
                continue
            if has_accessibility_node(page, child):
                found.append(child)
            elif not page_hides_subtree(page, child):
                stack.extend(reversed(child.children))
        claimed = [page.elements[order] for order, owner in owners.items() if owner is node]
        found.extend(sorted((e for e in claimed if e not in found), key=lambda e: e.order))
        return found, " ".join("".join(text).split())

    return memoised(page, "aria.owned", element, compute)


def accessibility_children(page: Page, element: Element) -> list[Element]:
    """The elements owned by ``element`` in the accessibility tree, in order.

    DOM descendants reached through transparent elements, minus those ``aria-owns`` moves
    elsewhere, followed by the elements ``element`` claims with ``aria-owns``.
    """
    return _owned(page, element)[0]


def owned_text(page: Page, element: Element) -> str:
    """Rendered text ``element`` owns directly (not inside an owned element), normalised.

    A list that owns text (``<div role="list"><span>Item</span></div>``) owns a text node,
    which the "required owned elements" rule counts as a wrong child.
    """
    return _owned(page, element)[1]


def page_hides_subtree(page: Page, element: Element) -> bool:
    """Whether nothing below ``element`` can be in the accessibility tree either."""
    return (
        is_not_rendered(page, element) or is_aria_hidden(page, element) or is_inert(page, element)
    )


def accessibility_parent(page: Page, element: Element) -> Element | None:
    """The element owning ``element`` in the accessibility tree, ``None`` at the top.

    The ``aria-owns`` owner when there is one, else the nearest ancestor that has a node
    of its own.
    """
    owner = _aria_owners(page).get(element.order)
    if owner is not None:
        return owner

    def compute(node: Element, parent_value: Element | None) -> Element | None:
        parent = node.parent
        if parent is not None and has_accessibility_node(page, parent):
            return parent
        return parent_value

    return inherited(page, "aria.accessibility_parent", element, compute)
