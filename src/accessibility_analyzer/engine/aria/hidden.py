"""Whether an element is rendered, and whether it is visible.

"Hidden" follows the ACT definition of *programmatically hidden* minus ``aria-hidden``
(which :mod:`.tree` adds): the element or an ancestor generates no box (``display:none``,
the ``hidden`` attribute, user-agent hidden elements such as ``<head>`` and ``<template>``,
closed ``<details>`` and ``<dialog>``), or its computed ``visibility`` is ``hidden`` or
``collapse`` (which a descendant may revert).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from accessibility_analyzer.engine.aria._memo import inherited, memo_value
from accessibility_analyzer.engine.aria._style import declared_style, style_of
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page

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

_HIDDEN_TABLE = "aria.hidden"
# The hot questions check their table before building the closure that computes a value.
_NOT_RENDERED_TABLE = "aria.not_rendered"
_ARIA_HIDDEN_TABLE = "aria.aria_hidden"
_INERT_TABLE = "aria.inert"
_VISUAL_HIDING_TABLE = "aria.visual_hiding"
_LENGTH = re.compile(r"^(?P<number>[-+]?(?:\d+\.?\d*|\.\d+))(?P<unit>px|em|rem)?$")
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
        if parent is not None and (parent.get("hidden") or "").strip().lower() == "until-found":
            # hidden="until-found" keeps the box but skips its content (content-visibility).
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
    # inherited() written out: asked for most elements (a closure per miss, and a call
    # through Python's protocol in the compiled engine, cost more than the walk).
    table = page.element_memo.get(_NOT_RENDERED_TABLE)
    if table is None:
        table = page.element_table(_NOT_RENDERED_TABLE)
    order = element.order
    if not 0 <= order < len(table):
        lineage = [element, *element.ancestors()]  # not an element of this page: root first
        return any(_generates_no_box(page, node) for node in reversed(lineage))
    known = table[order]
    if known is not NOT_COMPUTED:
        return known is True
    chain: list[Element] = []
    node: Element | None = element
    while node is not None and table[node.order] is NOT_COMPUTED:
        chain.append(node)
        node = node.parent
    value = bool(table[node.order]) if node is not None else False
    for current in reversed(chain):
        value = value or _generates_no_box(page, current)
        table[current.order] = value
    return value


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
    # memoised() written out: asked ~1,700 times per page, mostly repeats.
    table = page.element_memo.get(_HIDDEN_TABLE)
    if table is None:
        table = page.element_table(_HIDDEN_TABLE)
    order = element.order
    if not 0 <= order < len(table):
        return _hidden(page, element)  # not an element of this page: nothing to memoise
    known = table[order]
    if known is NOT_COMPUTED:
        known = table[order] = _hidden(page, element)
    return known is True


def _hidden(page: Page, element: Element) -> bool:
    if is_not_rendered(page, element):
        return True
    return style_of(page, element).visibility in ("hidden", "collapse")


def _value_is_true(element: Element, name: str) -> bool:
    value = element.attrs.get(name)
    return value is not None and value.strip().lower() == "true"


def is_aria_hidden(page: Page, element: Element) -> bool:
    """Whether the element or an ancestor has ``aria-hidden="true"``."""
    known = memo_value(page, _ARIA_HIDDEN_TABLE, element)
    if known is not NOT_COMPUTED:
        return known is True

    def compute(node: Element, parent_value: bool | None) -> bool:
        return bool(parent_value) or _value_is_true(node, "aria-hidden")

    return inherited(page, _ARIA_HIDDEN_TABLE, element, compute)


def is_inert(page: Page, element: Element) -> bool:
    """Whether the element or an ancestor has the ``inert`` attribute.

    Modal dialogs (which make the rest of the page inert) need script and are out of scope.
    """
    known = memo_value(page, _INERT_TABLE, element)
    if known is not NOT_COMPUTED:
        return known is True

    def compute(node: Element, parent_value: bool | None) -> bool:
        return bool(parent_value) or (node.is_html and node.has("inert"))

    return inherited(page, _INERT_TABLE, element, compute)


def is_programmatically_hidden(page: Page, element: Element) -> bool:
    """The ACT *programmatically hidden*: hidden, or ``aria-hidden="true"`` on the way up."""
    return is_hidden(page, element) or is_aria_hidden(page, element)


# How sure a style is to hide an element from sight (inherited by descendants).
_SHOWN, _MAYBE_HIDDEN, _VISUALLY_HIDDEN = 0, 1, 2
_FAR_AWAY_PX = -1000.0
_ZERO_CLIPS = frozenset({"inset(50%)", "inset(100%)", "circle(0)", "circle(0px)"})
# Without one of these declared on the element, _visual_hiding finds nothing (the sides,
# width and height matter only with ``position`` or ``overflow``).
_HIDING_PROPERTIES = frozenset(
    {
        "opacity",
        "transform",
        "font-size",
        "overflow-x",
        "overflow-y",
        "clip-path",
        "position",
        "text-indent",
    }
)


def _length_px(value: str) -> float | None:
    """A ``px``/``em``/``rem`` length in pixels (16px per em); ``None`` for other values."""
    match = _LENGTH.match(value)
    if match is None:
        return None
    number = float(match["number"])
    return number * 16 if match["unit"] in ("em", "rem") else number


def _is_zero_clip(clip: str) -> bool:
    """``rect(0 0 0 0)``, ``rect(1px, 1px, 1px, 1px)``: a box of at most one pixel."""
    if not clip.startswith("rect(") or not clip.endswith(")"):
        return False
    parts = clip[5:-1].replace(",", " ").split()
    sizes = [_length_px(part) for part in parts]
    return len(sizes) == 4 and all(size is not None and size <= 1 for size in sizes)


def _positioned_hiding(value: Callable[[str], str]) -> int:
    """Off-screen offsets and clips of an absolutely positioned element."""
    if value("position") not in ("absolute", "fixed"):
        return _SHOWN
    worst = _SHOWN
    clip = value("clip")
    if clip not in ("", "auto", "initial", "unset"):
        worst = _VISUALLY_HIDDEN if _is_zero_clip(clip) else _MAYBE_HIDDEN
    for side in ("left", "top", "right", "bottom"):
        offset = _length_px(value(side))
        if offset is not None and offset <= _FAR_AWAY_PX:
            return _VISUALLY_HIDDEN
        if offset is not None and offset < -50:
            worst = max(worst, _MAYBE_HIDDEN)
    return worst


def _visual_hiding(page: Page, element: Element) -> int:  # noqa: PLR0911 (one per technique)
    """How surely the element's own declarations hide it from sight.

    ``_VISUALLY_HIDDEN`` for the techniques that leave nothing to see whatever the layout
    (``opacity:0``, far off-screen absolute positioning, a clip of at most one pixel, a
    size of at most one pixel with overflow hidden, ``scale(0)``, ``font-size:0``);
    ``_MAYBE_HIDDEN`` when layout would be needed to know (other clips, moderate negative
    offsets, negative ``text-indent``). Only declared values are read: the conclusion is
    inherited by descendants in :func:`is_visible`.
    """
    style = declared_style(page, element)
    if not style.declares_any(_HIDING_PROPERTIES):
        return _SHOWN  # most elements: every test below reads an empty value

    def value(prop: str) -> str:
        return (style.specified(prop) or "").strip().lower()

    if value("opacity") in ("0", "0.0", "0%", ".0"):
        return _VISUALLY_HIDDEN
    transform = value("transform")
    if "scale(0" in transform or "scalex(0" in transform or "scaley(0" in transform:
        return _VISUALLY_HIDDEN
    if _ZERO_LENGTH.match(value("font-size")) is not None:
        return _VISUALLY_HIDDEN
    if "hidden" in value("overflow-x") + value("overflow-y") and any(
        _ZERO_LENGTH.match(value(dimension)) for dimension in ("width", "height")
    ):
        return _VISUALLY_HIDDEN
    clip_path = value("clip-path")
    if clip_path in _ZERO_CLIPS:
        return _VISUALLY_HIDDEN
    positioned = _positioned_hiding(value)
    if positioned != _SHOWN:
        return positioned
    indent = _length_px(value("text-indent"))
    if clip_path not in ("", "none", "initial", "unset") or (indent is not None and indent < -50):
        return _MAYBE_HIDDEN
    return _SHOWN


def is_visible(page: Page, element: Element) -> bool | None:
    """Whether the element can be seen, as far as styles tell without layout.

    Returns:
        ``False`` when it is hidden (:func:`is_hidden`) or a visually-hidden technique
        applies to it or an ancestor (``opacity:0``, absolute positioning 1000px or more
        off-screen, ``clip: rect(0 0 0 0)``, a 1px box with overflow hidden, ``scale(0)``,
        ``font-size:0``); ``None`` when judging needs layout (other clips, moderate
        negative offsets, negative ``text-indent``): cantTell rather than a guess;
        ``True`` otherwise.
    """
    if is_hidden(page, element):
        return False
    verdict = memo_value(page, _VISUAL_HIDING_TABLE, element)
    if verdict is NOT_COMPUTED:

        def compute(node: Element, parent_value: int | None) -> int:
            own = _visual_hiding(page, node)
            return max(own, parent_value or _SHOWN)

        verdict = inherited(page, _VISUAL_HIDING_TABLE, element, compute)
    if verdict == _VISUALLY_HIDDEN:
        return False
    return None if verdict == _MAYBE_HIDDEN else True
