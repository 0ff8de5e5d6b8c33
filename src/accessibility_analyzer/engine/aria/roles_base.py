"""The explicit role: the ``role`` attribute's first valid, non-abstract role."""

from __future__ import annotations

from accessibility_analyzer.engine.aria._memo import memo_value, memoised
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
    known = memo_value(page, _EXPLICIT_ROLE_TABLE, element)
    if known is not NOT_COMPUTED:
        return known  # type: ignore[return-value]  # what compute() below stored

    def compute(node: Element) -> str | None:
        for token in explicit_role_tokens(node):
            if is_valid_role(token):
                return token
        return None

    return memoised(page, _EXPLICIT_ROLE_TABLE, element, compute)
