"""Whether an element is rendered, and whether it is visible.

"Hidden" follows the ACT definition of *programmatically hidden* minus ``aria-hidden``
(which :mod:`.tree` adds): the element or an ancestor generates no box (``display:none``,
the ``hidden`` attribute, user-agent hidden elements such as ``<head>`` and ``<template>``,
closed ``<details>`` and ``<dialog>``), or its computed ``visibility`` is ``hidden`` or
``collapse`` (which a descendant may revert).
"""

from __future__ import annotations

import re

from accessibility_analyzer.engine.aria._memo import inherited, memoised
from accessibility_analyzer.engine.aria._style import declared_style, style_of
from accessibility_analyzer.engine.dom import Element, Page

# Elements the user-agent style sheet gives display:none (HTML §15.3.1), plus <noscript>:
# browsers run scripts, so its content is never rendered.
UA_HIDDEN_TAGS: frozenset[str] = frozenset(
    {
        "base",
        "basefont",
        "datalist",
        "head",
        "link",
        "meta",
        "noembed",
        "noframes",
        "noscript",
        "param",
        "rp",
        "script",
        "source",
        "style",
        "template",
        "title",
        "track",
    }
)

# SVG elements that are never rendered directly (SVG 2 §5: "never-rendered elements" and
# the descriptive elements).
SVG_NEVER_RENDERED: frozenset[str] = frozenset(
    {
        "clipPath",
        "defs",
        "desc",
        "filter",
        "linearGradient",
        "marker",
        "mask",
        "metadata",
        "pattern",
        "radialGradient",
        "script",
        "style",
        "symbol",
        "title",
    }
)

_NEGATIVE_OFFSET = re.compile(r"^-\s*\d{3,}")
_ZERO_LENGTH = re.compile(r"^(0+\.?0*|\.0+)(px|em|rem|%|pt|vw|vh)?$|^1px$")


def _generates_no_box(page: Page, element: Element) -> bool:  # noqa: PLR0911 (UA rules)
    """Whether the element itself (not counting ancestors) is not rendered."""
    if element.is_html:
        tag = element.tag
        if tag in UA_HIDDEN_TAGS:
            return True
        if tag == "input" and (element.get("type") or "").strip().lower() == "hidden":
            return True
        if tag == "dialog" and not element.has("open"):
            return True
        parent = element.parent
        if (
            parent is not None
            and parent.is_html
            and parent.tag == "details"
            and not parent.has("open")
            and element is not _first_summary(parent)
        ):
            return True
        if tag == "area":
            # The UA sheet gives <area> display:none, yet an image map exposes its areas.
            return False
    elif element.tag in SVG_NEVER_RENDERED:
        return True
    return style_of(page, element).display == "none"


def _first_summary(details: Element) -> Element | None:
    for child in details.element_children():
        if child.is_html and child.tag == "summary":
            return child
    return None


def is_not_rendered(page: Page, element: Element) -> bool:
    """Whether the element or an ancestor generates no box (``display:none`` and kin)."""

    def compute(node: Element, parent_value: bool | None) -> bool:
        return bool(parent_value) or _generates_no_box(page, node)

    return inherited(page, "aria.not_rendered", element, compute)


def is_hidden(page: Page, element: Element) -> bool:
    """Whether the element is not rendered or not visible by its computed ``visibility``.

    Args:
        page: the page of the element.
        element: the element asked about.

    Returns:
        ``True`` for ``display:none`` (on it or an ancestor, including the ``hidden``
        attribute unless the author's CSS overrides ``display``, from inline styles and
        style sheets), user-agent hidden
        elements (``<head>`` content, ``<template>``, ``<script>``, ``<noscript>``, closed
        ``<details>`` content, a ``<dialog>`` without ``open``, ``input type=hidden``),
        SVG never-rendered elements, and ``visibility: hidden | collapse``.
    """

    def compute(node: Element) -> bool:
        if is_not_rendered(page, node):
            return True
        return style_of(page, node).visibility in ("hidden", "collapse")

    return memoised(page, "aria.hidden", element, compute)


def _value_is_true(element: Element, name: str) -> bool:
    value = element.attrs.get(name)
    return value is not None and value.strip().lower() == "true"


def is_aria_hidden(page: Page, element: Element) -> bool:
    """Whether the element or an ancestor has ``aria-hidden="true"``."""

    def compute(node: Element, parent_value: bool | None) -> bool:
        return bool(parent_value) or _value_is_true(node, "aria-hidden")

    return inherited(page, "aria.aria_hidden", element, compute)


def is_inert(page: Page, element: Element) -> bool:
    """Whether the element or an ancestor has the ``inert`` attribute.

    Modal dialogs (which make the rest of the page inert) need script and are out of scope.
    """

    def compute(node: Element, parent_value: bool | None) -> bool:
        return bool(parent_value) or (node.is_html and node.has("inert"))

    return inherited(page, "aria.inert", element, compute)


def is_programmatically_hidden(page: Page, element: Element) -> bool:
    """The ACT *programmatically hidden*: hidden, or ``aria-hidden="true"`` on the way up."""
    return is_hidden(page, element) or is_aria_hidden(page, element)


def _visual_hiding_suspected(page: Page, element: Element) -> bool:  # noqa: PLR0911
    """Whether the element's own declarations may hide it without layout telling us.

    Only declared values are read: the conclusion is inherited by descendants in
    :func:`is_visible`, so an inherited property (``font-size``) counts where it is set.
    """

    style = declared_style(page, element)

    def value(prop: str) -> str:
        return (style.specified(prop) or "").strip().lower()

    if value("opacity") in ("0", "0.0", "0%", ".0"):
        return True
    if value("clip-path") not in ("", "none", "initial", "unset"):
        return True
    if value("position") in ("absolute", "fixed"):
        if value("clip") not in ("", "auto", "initial", "unset"):
            return True
        if any(_NEGATIVE_OFFSET.match(value(side)) for side in ("left", "top", "right")):
            return True
    if _NEGATIVE_OFFSET.match(value("text-indent")):
        return True
    if "hidden" in value("overflow-x") + value("overflow-y") + value("overflow") and any(
        _ZERO_LENGTH.match(value(dimension)) for dimension in ("width", "height")
    ):
        return True
    transform = value("transform")
    if "scale(0" in transform or "scalex(0" in transform or "scaley(0" in transform:
        return True
    return _ZERO_LENGTH.match(value("font-size")) is not None


def is_visible(page: Page, element: Element) -> bool | None:
    """Whether the element can be seen, as far as the styles tell without layout.

    Returns:
        ``False`` when it is hidden (:func:`is_hidden`); ``None`` when the element or an
        ancestor uses a technique whose effect needs layout to judge (off-screen
        positioning, ``clip``/``clip-path``, zero size with overflow hidden, ``opacity:0``,
        a large negative ``text-indent``, ``scale(0)``, ``font-size:0``): say cantTell
        rather than guess; ``True`` otherwise.
    """
    if is_hidden(page, element):
        return False

    def compute(node: Element, parent_value: bool | None) -> bool:
        return bool(parent_value) or _visual_hiding_suspected(page, node)

    if inherited(page, "aria.visually_suspect", element, compute):
        return None
    return True
