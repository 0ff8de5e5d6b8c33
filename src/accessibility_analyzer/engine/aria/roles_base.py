"""The explicit role: the ``role`` attribute's first valid, non-abstract role."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page
from accessibility_analyzer.engine.standards.aria import ROLES

_EXPLICIT_ROLE_TABLE = "aria.explicit_role"


def explicit_role_tokens(element: Element) -> list[str]:
    """The tokens of the ``role`` attribute, lower-cased, in order (empty when absent)."""
    value = element.attrs.get("role")
    if not value:
        return []
    return value.lower().split()


def is_valid_role(token: str) -> bool:
    """Whether ``token`` names a non-abstract role of the WAI-ARIA specifications."""
    spec = ROLES.get(token)
    return spec is not None and not spec.abstract


def explicit_role(page: Page, element: Element) -> str | None:
    """The first token of ``role`` that is a valid non-abstract role, ``None`` if none is.

    Roles are matched case-insensitively, as browsers do.
    """
    # memoised() written out: asked ~1,300 times per page, mostly repeats.
    table = page.element_memo.get(_EXPLICIT_ROLE_TABLE)
    if table is None:
        table = page.element_table(_EXPLICIT_ROLE_TABLE)
    order = element.order
    if not 0 <= order < len(table):
        return _first_valid_role(element)  # not an element of this page
    known = table[order]  # untyped: the compiled engine would check NOT_COMPUTED's type
    if known is NOT_COMPUTED:
        known = table[order] = _first_valid_role(element)
    return known  # type: ignore[no-any-return]  # the table holds what _first_valid_role gave


def _first_valid_role(element: Element) -> str | None:
    for token in explicit_role_tokens(element):
        if is_valid_role(token):
            return token
    return None
