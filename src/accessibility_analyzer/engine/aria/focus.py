"""Focusability: native focusable elements, ``tabindex``, and disabled form controls."""

from __future__ import annotations

from accessibility_analyzer.engine.aria._memo import inherited, memoised
from accessibility_analyzer.engine.aria.hidden import is_hidden, is_inert
from accessibility_analyzer.engine.dom import Element, Namespace, Page

# Elements that support the ``disabled`` attribute (HTML "actually disabled").
DISABLEABLE_TAGS: frozenset[str] = frozenset(
    {"button", "fieldset", "input", "optgroup", "option", "select", "textarea"}
)
# Form controls a disabled <fieldset> disables (outside its first <legend>).
_FIELDSET_DISABLES: frozenset[str] = frozenset(
    {"button", "fieldset", "input", "select", "textarea"}
)
_ALWAYS_FOCUSABLE: frozenset[str] = frozenset({"button", "iframe", "select", "textarea"})
_ASCII_WHITESPACE = " \t\n\f\r"


def tabindex_of(element: Element) -> int | None:
    """The ``tabindex`` value by the HTML rules for parsing integers.

    Leading ASCII whitespace and trailing garbage are allowed (``" 2px"`` is 2); no digits
    after an optional sign means no value (``None``), as does an absent attribute.
    """
    raw = element.attrs.get("tabindex")
    if raw is None:
        return None
    text = raw.lstrip(_ASCII_WHITESPACE)
    sign = 1
    if text[:1] in ("-", "+"):
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    digits = ""
    for char in text:
        if "0" <= char <= "9":
            digits += char
        else:
            break
    if not digits:
        return None
    return sign * int(digits[:12])


def _first_legend(fieldset: Element) -> Element | None:
    for child in fieldset.element_children():
        if child.is_html and child.tag == "legend":
            return child
    return None


def _in_disabled_fieldset(page: Page, element: Element) -> bool:
    """Whether a disabled ``<fieldset>`` disables ``element`` (outside its first legend)."""

    def compute(node: Element, parent_value: bool | None) -> bool:
        parent = node.parent
        if parent is None:
            return False
        if parent.is_html and parent.tag == "fieldset" and parent.has("disabled"):
            return node is not _first_legend(parent) or bool(parent_value)
        return bool(parent_value)

    return inherited(page, "aria.fieldset_disabled", element, compute)


def is_natively_disabled(page: Page, element: Element) -> bool:
    """HTML "actually disabled": the ``disabled`` attribute, a disabled fieldset or optgroup."""
    if not element.is_html or element.tag not in DISABLEABLE_TAGS:
        return False
    if element.has("disabled"):
        return True
    parent = element.parent
    if (
        element.tag == "option"
        and parent is not None
        and parent.tag == "optgroup"
        and parent.has("disabled")
    ):
        return True
    return element.tag in _FIELDSET_DISABLES and _in_disabled_fieldset(page, element)


def _aria_disabled(page: Page, element: Element) -> bool:
    def compute(node: Element, parent_value: bool | None) -> bool:
        value = node.attrs.get("aria-disabled")
        return bool(parent_value) or (value is not None and value.strip().lower() == "true")

    return inherited(page, "aria.aria_disabled", element, compute)


def is_disabled(page: Page, element: Element) -> bool:
    """The ACT *disabled element*: natively disabled, or ``aria-disabled="true"`` on it or
    an ancestor.

    Note that ``aria-disabled`` does not remove an element from the focus order; focus
    questions use :func:`is_natively_disabled`.
    """
    return is_natively_disabled(page, element) or _aria_disabled(page, element)


def _is_editing_host(element: Element) -> bool:
    value = element.attrs.get("contenteditable")
    if value is None:
        return False
    return value.strip().lower() in ("", "true", "plaintext-only")


def _natively_focusable(element: Element) -> bool:  # noqa: PLR0911 (HTML focusable areas)
    tag = element.tag
    if element.namespace is Namespace.SVG:
        return tag == "a" and (element.has("href") or element.has("xlink:href"))
    if not element.is_html:
        return False
    if tag in _ALWAYS_FOCUSABLE:
        return True
    if tag in ("a", "area"):
        return element.has("href")
    if tag == "input":
        return (element.get("type") or "").strip().lower() != "hidden"
    if tag in ("audio", "video"):
        return element.has("controls")
    if tag == "summary":
        parent = element.parent
        if parent is None or parent.tag != "details":
            return False
        first = next((c for c in parent.element_children() if c.tag == "summary"), None)
        return first is element
    return _is_editing_host(element)


def is_focusable(page: Page, element: Element) -> bool:
    """Whether the element can receive focus (by keyboard or script).

    Native focusables (``a``/``area`` with ``href``, ``button``, ``input`` other than
    hidden, ``select``, ``textarea``, the first ``summary`` of a ``details``, ``iframe``,
    editing hosts, ``audio``/``video`` with ``controls``, SVG links) and any element with a
    valid ``tabindex``; minus natively disabled controls, inert content and hidden elements.
    """

    def compute(node: Element) -> bool:
        if node.namespace is Namespace.MATHML and tabindex_of(node) is None:
            return False
        if is_hidden(page, node) or is_inert(page, node) or is_natively_disabled(page, node):
            return False
        return tabindex_of(node) is not None or _natively_focusable(node)

    return memoised(page, "aria.focusable", element, compute)


def is_in_sequential_focus_navigation(page: Page, element: Element) -> bool:
    """Whether Tab reaches the element: focusable and ``tabindex`` not negative."""
    if not is_focusable(page, element):
        return False
    tabindex = tabindex_of(element)
    return tabindex is None or tabindex >= 0
