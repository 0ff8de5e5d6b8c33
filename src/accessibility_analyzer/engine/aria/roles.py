"""The computed role of an element: explicit, else implicit, with conflict resolution.

WAI-ARIA 1.2 §4.6 (presentational roles conflict resolution): a ``none``/``presentation``
role is ignored when the element is focusable or has a global ARIA attribute; the element
keeps its implicit role. Elements owned by a presentational list or table (``li``, ``tr``,
``td`` ...) lose their implicit role too (§5.3.4 inheritance of presentation); that part
lives in :mod:`.implicit`, which asks the parent's role.
"""

from __future__ import annotations

from accessibility_analyzer.engine.aria.focus import is_focusable
from accessibility_analyzer.engine.aria.implicit import implicit_role
from accessibility_analyzer.engine.aria.roles_base import explicit_role
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page
from accessibility_analyzer.engine.standards.aria import (
    ATTRIBUTES,
    GLOBAL_ATTRIBUTES,
    PRESENTATIONAL_ROLES,
    ROLES,
)

_ROLE_TABLE = "aria.role"

# Roles of elements a user operates: the widget roles that are a single control (not the
# composite containers such as listbox or tablist, and not the read-only progressbar).
# Used by "nested interactive controls" and friends.
INTERACTIVE_ROLES: frozenset[str] = frozenset(
    {
        "button",
        "checkbox",
        "combobox",
        "gridcell",
        "link",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "option",
        "radio",
        "scrollbar",
        "searchbox",
        "separator",
        "slider",
        "spinbutton",
        "switch",
        "tab",
        "textbox",
        "treeitem",
        "doc-backlink",
        "doc-biblioref",
        "doc-glossref",
        "doc-noteref",
    }
)


def is_interactive_role(role: str | None) -> bool:
    """Whether ``role`` is a widget a user operates (``button``, ``link``, ``textbox``...)."""
    return role in INTERACTIVE_ROLES


def has_global_aria_attribute(element: Element) -> bool:
    """Whether the element has any global ARIA state or property (ARIA 1.2 §6.4)."""
    return any(name in GLOBAL_ATTRIBUTES for name in element.attrs if name.startswith("aria-"))


def has_presentational_conflict(page: Page, element: Element) -> bool:
    """Whether ``none``/``presentation`` is overridden (WAI-ARIA 1.2 §4.6).

    True when the explicit role is ``none`` or ``presentation`` (or the implicit role is
    ``presentation``, as for ``img alt=""``) and the element is focusable or carries a
    global ARIA attribute; user agents then expose the implicit role.
    """
    role = explicit_role(page, element)
    if role is None:
        if not (element.tag == "img" and element.get("alt") == ""):
            return False
    elif role not in PRESENTATIONAL_ROLES:
        return False
    return is_focusable(page, element) or has_global_aria_attribute(element)


def _resolved_implicit_role(page: Page, element: Element) -> str | None:
    role = implicit_role(page, element)
    if role == "presentation" and element.tag == "img":
        # img alt="" that is focusable or has global ARIA attributes is exposed as img.
        return "img" if has_presentational_conflict(page, element) else role
    return role


def role_of(page: Page, element: Element) -> str | None:
    """The computed role: the explicit role, else the implicit role; ``None`` is generic.

    Args:
        page: the page of the element.
        element: the element asked about.

    Returns:
        The role user agents expose, after presentational conflict resolution: an element
        with ``role="none"`` that is focusable or has a global ARIA attribute gets its
        implicit role back. ``generic`` (explicit or implicit) is reported as ``None``.
    """
    # memoised() written out: asked ~2,900 times per page, mostly repeats.
    table = page.element_memo.get(_ROLE_TABLE)
    if table is None:
        table = page.element_table(_ROLE_TABLE)
    order = element.order
    if not 0 <= order < len(table):
        return _computed_role(page, element)  # not an element of this page
    known = table[order]  # untyped: the compiled engine would check NOT_COMPUTED's type
    if known is NOT_COMPUTED:
        known = table[order] = _computed_role(page, element)
    return known  # type: ignore[no-any-return]  # the table holds what _computed_role gave


def _computed_role(page: Page, element: Element) -> str | None:
    role = explicit_role(page, element)
    if role == "generic":
        return None  # an explicit generic is the same as no role
    if role is None:
        return _resolved_implicit_role(page, element)
    if role in PRESENTATIONAL_ROLES and has_presentational_conflict(page, element):
        implicit = _resolved_implicit_role(page, element)
        return None if implicit in PRESENTATIONAL_ROLES else implicit
    return role


def is_valid_attribute(name: str) -> bool:
    """Whether ``name`` is a WAI-ARIA 1.2 state or property."""
    return name in ATTRIBUTES


def role_allows_name_from_content(role: str | None) -> bool:
    """Whether the role takes its name from content (``button``, ``link``, ``heading``...)."""
    if role is None:
        return False
    spec = ROLES.get(role)
    return spec is not None and any(source == "contents" for source in spec.name_from)
