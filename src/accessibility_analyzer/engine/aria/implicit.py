"""Implicit ARIA roles of HTML and SVG elements (HTML-AAM, ARIA in HTML, SVG-AAM).

The unconditional mappings are looked up in
:mod:`accessibility_analyzer.engine.standards.html_aam`; this module decides the ones that
depend on attributes or context. ``None`` means the element has no role of its own
(generic, or nothing exposed).
"""

from __future__ import annotations

from collections.abc import Callable

from accessibility_analyzer.engine.aria._memo import inherited
from accessibility_analyzer.engine.aria.roles_base import explicit_role
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.standards.html_aam import (
    INPUT_TYPE_ROLES,
    INPUT_TYPES_WITH_SUGGESTIONS,
    KNOWN_INPUT_TYPES,
    SECTIONING_SCOPE_ROLES,
    SECTIONING_SCOPE_TAGS,
    UNCONDITIONAL_ROLES,
)

_LIST_PARENTS = frozenset({"ol", "ul", "menu"})
_TABLE_SECTIONS = frozenset({"thead", "tbody", "tfoot"})


def input_type(element: Element) -> str:
    """The state of an ``input``'s ``type`` attribute (unknown values mean ``text``)."""
    value = (element.get("type") or "text").strip().lower()
    return value if value in KNOWN_INPUT_TYPES else "text"


def has_author_name(page: Page, element: Element) -> bool:
    """Whether the author gave the element a name (``aria-labelledby`` to non-empty text,
    ``aria-label`` or ``title``).

    Used for the roles HTML-AAM grants only to named elements (``section`` -> region), where
    the full accessible name computation would be circular.
    """
    if (element.get("aria-label") or "").strip() or (element.get("title") or "").strip():
        return True
    for reference in (element.get("aria-labelledby") or "").split():
        target = page.get_element_by_id(reference)
        if target is not None and (
            target.text_content().strip() or (target.get("aria-label") or "").strip()
        ):
            return True
    return False


def _in_sectioning_scope(page: Page, element: Element) -> bool:
    """Whether an ancestor is sectioning content (or has a sectioning role)."""

    def compute(node: Element, parent_value: bool | None) -> bool:
        parent = node.parent
        if parent is None:
            return False
        if bool(parent_value):
            return True
        if parent.is_html and parent.tag in SECTIONING_SCOPE_TAGS:
            return True
        return explicit_role(page, parent) in SECTIONING_SCOPE_ROLES

    return inherited(page, "aria.sectioning_scope", element, compute)


def _nearest_table(element: Element) -> Element | None:
    """The ``table`` a row or cell belongs to (through at most a section and a row)."""
    node = element.parent
    for _ in range(3):
        if node is None:
            return None
        if node.is_html and node.tag == "table":
            return node
        node = node.parent
    return None


def _table_role(page: Page, element: Element) -> str | None:
    from accessibility_analyzer.engine.aria.roles import role_of  # noqa: PLC0415 (cycle)

    table = _nearest_table(element)
    return role_of(page, table) if table is not None else None


def _header_cell_role(page: Page, cell: Element) -> str:
    scope = (cell.get("scope") or "").strip().lower()
    if scope in ("row", "rowgroup"):
        return "rowheader"
    if scope in ("col", "colgroup"):
        return "columnheader"
    row = cell.parent
    if row is not None and row.parent is not None and row.parent.tag == "thead":
        return "columnheader"
    if row is not None:
        cells = [c for c in row.element_children() if c.tag in ("td", "th")]
        if cells and cells[0] is cell and any(c.tag == "td" for c in cells):
            return "rowheader"
    return "columnheader"


def _table_part_role(page: Page, element: Element) -> str | None:
    """Roles of tr, td, th and row groups: they follow the role of their table."""
    role = _table_role(page, element)
    if role in ("table", "grid", "treegrid"):
        tag = element.tag
        if tag == "tr":
            return "row"
        if tag in _TABLE_SECTIONS:
            return "rowgroup"
        if tag == "th":
            return _header_cell_role(page, element)
        return "gridcell" if role in ("grid", "treegrid") else "cell"
    return None


def _input_role(element: Element) -> str | None:
    kind = input_type(element)
    if element.has("list") and kind in INPUT_TYPES_WITH_SUGGESTIONS:
        return "combobox"
    return INPUT_TYPE_ROLES.get(kind)


def _select_role(element: Element) -> str:
    size = (element.get("size") or "").strip()
    if element.has("multiple") or (size.isdigit() and int(size) > 1):
        return "listbox"
    return "combobox"


def _img_role(element: Element) -> str:
    alt = element.get("alt")
    if alt == "" and not (
        (element.get("aria-label") or "").strip()
        or (element.get("aria-labelledby") or "").strip()
        or (element.get("title") or "").strip()
    ):
        return "presentation"
    return "img"


def _li_role(page: Page, element: Element) -> str | None:
    from accessibility_analyzer.engine.aria.roles import role_of  # noqa: PLC0415 (cycle)

    parent = element.parent
    if parent is None or not parent.is_html or parent.tag not in _LIST_PARENTS:
        return None
    return "listitem" if role_of(page, parent) not in ("none", "presentation") else None


def _svg_role(element: Element) -> str | None:
    tag = element.tag
    if tag == "svg":
        return "graphics-document"
    if tag == "a":
        return "link" if element.has("href") or element.has("xlink:href") else "group"
    return None


def _link_role(page: Page, element: Element) -> str | None:
    return "link" if element.has("href") else None


def _landmark_role(page: Page, element: Element) -> str | None:
    """header/footer: banner/contentinfo unless scoped to sectioning content."""
    if _in_sectioning_scope(page, element):
        return None
    return "banner" if element.tag == "header" else "contentinfo"


def _aside_role(page: Page, element: Element) -> str | None:
    """aside: complementary when scoped to body or main, or when named (HTML-AAM).

    Unlike header and footer, an aside inside ``main`` is still complementary: only the
    sectioning content elements (article, aside, nav, section) scope it. The nearest of
    main and those decides; asides are few, so the walk up is cheap.
    """
    for ancestor in element.ancestors():
        role = explicit_role(page, ancestor)
        if (ancestor.is_html and ancestor.tag == "main") or role == "main":
            return "complementary"
        if (ancestor.is_html and ancestor.tag in _ASIDE_SCOPE_TAGS) or role in _ASIDE_SCOPE_ROLES:
            return "complementary" if has_author_name(page, element) else None
    return "complementary"


# Sectioning content (HTML §3.2.5.2.3), which scopes an aside; main does not.
_ASIDE_SCOPE_TAGS = SECTIONING_SCOPE_TAGS - {"main"}
_ASIDE_SCOPE_ROLES = SECTIONING_SCOPE_ROLES - {"main"}


def _section_role(page: Page, element: Element) -> str | None:
    return "region" if has_author_name(page, element) else None


_CONDITIONAL: dict[str, Callable[[Page, Element], str | None]] = {
    "a": _link_role,
    "area": _link_role,
    "img": lambda page, element: _img_role(element),
    "input": lambda page, element: _input_role(element),
    "select": lambda page, element: _select_role(element),
    "li": _li_role,
    "tr": _table_part_role,
    "td": _table_part_role,
    "th": _table_part_role,
    "thead": _table_part_role,
    "tbody": _table_part_role,
    "tfoot": _table_part_role,
    "header": _landmark_role,
    "footer": _landmark_role,
    "aside": _aside_role,
    "section": _section_role,
}


def _html_role(page: Page, element: Element) -> str | None:
    role = UNCONDITIONAL_ROLES.get(element.tag)
    if role is not None:
        return role
    conditional = _CONDITIONAL.get(element.tag)
    return conditional(page, element) if conditional is not None else None


def implicit_role(page: Page, element: Element) -> str | None:
    """The role the host language gives the element, ``None`` for generic/no role.

    Args:
        page: the page of the element.
        element: an HTML, SVG or MathML element.

    Returns:
        The implicit role: ``link`` for ``a[href]``, ``presentation`` for
        ``img[alt=""]`` without an author name, ``region`` for a named ``section``,
        ``banner``/``contentinfo`` for ``header``/``footer`` outside sectioning content,
        table parts by their table's role, ``input`` by ``type`` and ``list``, and so on.
    """
    if element.namespace is Namespace.SVG:
        return _svg_role(element)
    if element.namespace is Namespace.MATHML:
        return "math" if element.tag == "math" else None
    return _html_role(page, element)
