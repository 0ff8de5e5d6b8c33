"""Per-page memoisation of values that flow from an element down to its descendants.

Many semantics are "this element or any ancestor" (``display:none``, ``aria-hidden``,
``inert``, ``lang``): the value of an element is a function of its own attributes and its
parent's value. Computing that recursively would overflow the stack on the 100,000-level
pages the engine must survive, so :func:`inherited` walks up to the nearest ancestor whose
value is known and fills the chain back down iteratively.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from accessibility_analyzer.engine.dom import Element, Page

T = TypeVar("T")
_MISSING: Any = object()  # memo tables may hold None: absence needs its own marker


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
    table = page.memo.get(table_name)
    if table is None:
        table = page.memo_table(table_name)
    value = table.get(element.order, _MISSING)
    if value is not _MISSING:
        return value  # type: ignore[no-any-return]
    chain: list[Element] = []
    node: Element | None = element
    while node is not None and node.order not in table:
        chain.append(node)
        node = node.parent
    parent_value: T | None = table[node.order] if node is not None else None
    for current in reversed(chain):
        parent_value = compute(current, parent_value)
        table[current.order] = parent_value
    return table[element.order]  # type: ignore[no-any-return]


def memoised(page: Page, table_name: str, element: Element, compute: Callable[[Element], T]) -> T:
    """``compute(element)``, computed once per element and page."""
    # The hot path of the semantics layer (called ~5,000 times per page): one lookup.
    table = page.memo.get(table_name)
    if table is None:
        table = page.memo_table(table_name)
    value = table.get(element.order, _MISSING)
    if value is not _MISSING:
        return value  # type: ignore[no-any-return]
    result = compute(element)
    table[element.order] = result
    return result
