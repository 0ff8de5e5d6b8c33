"""ARIA in HTML: which roles an author may put on an element (https://www.w3.org/TR/html-aria/)."""

from __future__ import annotations

from accessibility_analyzer.engine.aria.implicit import input_type
from accessibility_analyzer.engine.dom import Element
from accessibility_analyzer.engine.standards.html_aam import ALLOWED_ROLES

_TEXT_LIKE = frozenset({"text", "email", "tel", "url", "search"})


def _variant_key(element: Element) -> str:  # noqa: PLR0911 (one key per element kind)
    """The key of :data:`ALLOWED_ROLES` that describes this element."""
    tag = element.tag
    if tag in ("a", "area"):
        return f"{tag}[href]" if element.has("href") else tag
    if tag == "img":
        alt = element.get("alt")
        if alt is None:
            return "img"
        return 'img[alt=""]' if alt == "" else "img[alt]"
    if tag == "input":
        kind = input_type(element)
        if kind == "text" and not element.has("list"):
            return "input[type=text]"
        if kind in _TEXT_LIKE:
            return "input"
        return f"input[type={kind}]" if f"input[type={kind}]" in ALLOWED_ROLES else "input"
    if tag == "select":
        size = (element.get("size") or "").strip()
        multiple = element.has("multiple") or (size.isdigit() and int(size) > 1)
        return "select[listbox]" if multiple else "select[combobox]"
    return tag


def allowed_roles(element: Element) -> frozenset[str] | None:
    """The roles an author may set on ``element``; ``None`` when any role is allowed.

    Only HTML elements are constrained; SVG, MathML and custom elements accept any role.
    """
    if not element.is_html:
        return None
    return ALLOWED_ROLES.get(_variant_key(element))


def is_role_allowed(element: Element, role: str) -> bool:
    """Whether ARIA in HTML allows ``role`` on ``element``."""
    allowed = allowed_roles(element)
    return allowed is None or role in allowed
