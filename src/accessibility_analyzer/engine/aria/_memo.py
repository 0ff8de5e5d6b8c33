"""Per-page memoisation of values that flow from an element down to its descendants.

Many semantics are "this element or any ancestor" (``display:none``, ``aria-hidden``,
``inert``, ``lang``): the value of an element is a function of its own attributes and its
parent's value. Computing that recursively would overflow the stack on the 100,000-level
pages the engine must survive, so :func:`inherited` walks up to the nearest ancestor whose
value is known and fills the chain back down iteratively.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page

T = TypeVar("T")


def inherited(
    page: Page,
    table_name: str,
    element: Element,
    compute: Callable[[Element, T | None], T],
) -> T:
    """The memoised value of ``element`` where each value depends on the parent's.

    Args:
        page: the page holding the memo table.
        table_name: name of the memo table (one per computation).
        element: the element asked about.
        compute: ``compute(element, parent_value)`` gives the element's value;
            ``parent_value`` is ``None`` for the root.

    Returns:
        The value for ``element`` (computed once per element and page).
    """
    table = page.element_memo.get(table_name)
    if table is None:
        table = page.element_table(table_name)
    order = element.order
    if not 0 <= order < len(table):
        return _inherited_unmemoised(element, compute)  # not an element of this page
    value = table[order]
    if value is not NOT_COMPUTED:
        return value  # type: ignore[no-any-return]
    chain: list[Element] = []
    node: Element | None = element
    while node is not None and table[node.order] is NOT_COMPUTED:
        chain.append(node)
        node = node.parent
    parent_value: T | None = table[node.order] if node is not None else None
    for current in reversed(chain):
        parent_value = compute(current, parent_value)
        table[current.order] = parent_value
    return table[order]  # type: ignore[no-any-return]


def _inherited_unmemoised(element: Element, compute: Callable[[Element, T | None], T]) -> T:
    chain = [element, *element.ancestors()]
    value: T | None = None
    for current in reversed(chain):
        value = compute(current, value)
    return value  # type: ignore[return-value]  # the chain holds at least ``element``


def memoised(page: Page, table_name: str, element: Element, compute: Callable[[Element], T]) -> T:
    """``compute(element)``, computed once per element and page."""
    # The hot path of the semantics layer (called ~5,000 times per page): one lookup.
    table = page.element_memo.get(table_name)
    if table is None:
        table = page.element_table(table_name)
    order = element.order
    if not 0 <= order < len(table):
        return compute(element)  # not an element of this page: nothing to memoise under
    value = table[order]
    if value is not NOT_COMPUTED:
        return value  # type: ignore[no-any-return]
    result = compute(element)
    table[order] = result
    return result


def memo_value(page: Page, table_name: str, element: Element) -> object:
    """The memoised value of ``element``, or ``NOT_COMPUTED`` (a fast path for callers).

    The hottest callers (``role_of``: ~2,500 calls per page, most of them repeats) check
    here before building the closure that :func:`memoised` would call.
    """
    table = page.element_memo.get(table_name)
    order = element.order
    if table is None or not 0 <= order < len(table):
        return NOT_COMPUTED
    return table[order]
