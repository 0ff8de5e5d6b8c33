"""Whether an element is included in the accessibility tree (ACT definition)."""

from __future__ import annotations

from accessibility_analyzer.engine.aria._memo import inherited, memo_value
from accessibility_analyzer.engine.aria.hidden import is_aria_hidden, is_hidden, is_inert
from accessibility_analyzer.engine.aria.roles import role_of
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page
from accessibility_analyzer.engine.standards.aria import ROLES


def is_presentational_child(page: Page, element: Element) -> bool:
    """Whether an ancestor's role makes its descendants presentational (``button``,
    ``img``, ``checkbox``... WAI-ARIA 1.2 "Children Presentational: True")."""
    known = memo_value(page, _PRESENTATIONAL_CHILD_TABLE, element)
    if known is not NOT_COMPUTED:
        return known is True

    def compute(node: Element, parent_value: bool | None) -> bool:
        if parent_value:
            return True
        parent = node.parent
        if parent is None:
            return False
        role = role_of(page, parent)
        spec = ROLES.get(role) if role is not None else None
        return spec is not None and spec.children_presentational

    return inherited(page, _PRESENTATIONAL_CHILD_TABLE, element, compute)


_PRESENTATIONAL_CHILD_TABLE = "aria.presentational_child"


def is_included_in_accessibility_tree(page: Page, element: Element) -> bool:
    """Whether assistive technologies see the element.

    Args:
        page: the page of the element.
        element: the element asked about.

    Returns:
        ``False`` when the element is hidden (:func:`~.hidden.is_hidden`), has
        ``aria-hidden="true"`` on it or an ancestor, is inert (``inert`` attribute on it or
        an ancestor; modal dialogs are out of scope), or is a presentational child
        (inside a ``button``, ``img``, ...). Elements with role ``none`` stay included: ACT
        treats them as exposed-but-decorative.
    """
    # memoised() written out: asked ~1,100 times per page, mostly repeats.
    table = page.element_memo.get(_INCLUDED_TABLE)
    if table is None:
        table = page.element_table(_INCLUDED_TABLE)
    order = element.order
    if not 0 <= order < len(table):
        return _included(page, element)  # not an element of this page: nothing to memoise
    known = table[order]
    if known is NOT_COMPUTED:
        known = table[order] = _included(page, element)
    return known is True


_INCLUDED_TABLE = "aria.included"


def _included(page: Page, element: Element) -> bool:
    return not (
        is_hidden(page, element)
        or is_aria_hidden(page, element)
        or is_inert(page, element)
        or is_presentational_child(page, element)
    )
