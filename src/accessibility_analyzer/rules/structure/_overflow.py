"""When a scroll container certainly overflows, decided without layout.

The cascade does not track vertical padding or margins, so the proofs only run on pages
whose only author styles are ``style`` attributes that do not mention them: then the
container's padding and the children's margins are the user-agent defaults (zero vertical
padding for the container tags below, non-negative margins for every element). Two proofs:

* a child taller than the container's fixed height makes it scroll by more than its padding;
* blocks of plain text need at least so many lines at the container's width: no font draws
  a visible character narrower than 0.15em, a line is at least as tall as its block's
  ``line-height`` (``normal``: at least 1em), and the user-agent margins between the blocks
  (HTML's rendering section) add up; when that lower bound exceeds the fixed height, the
  content overflows, whatever the fonts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.aria import is_visible
from accessibility_analyzer.engine.dom import Element, Page, Text

# Containers whose user-agent style has no vertical padding.
_UNPADDED_TAGS = frozenset(
    {"article", "aside", "div", "footer", "header", "main", "nav", "p", "pre", "section"}
)
_BLOCK_DISPLAYS = frozenset({"block", "flow-root", "flex", "grid", "list-item"})
_VERTICALLY_SCROLLABLE = frozenset({"auto", "scroll"})
# Declarations the cascade drops but that could change the proof.
_UNTRACKED_WORDS = ("padding", "margin", "min-height", "inset", "border")
# What a style attribute on the container or an ancestor may set for the text proof: sizes
# the proof reads, and nothing that changes how text flows (columns, writing mode, zoom...).
_TEXT_PROOF_PROPERTIES = frozenset(
    {
        "height", "width", "max-height", "max-width", "overflow", "overflow-x", "overflow-y",
        "color", "background", "background-color", "font-size", "font-family", "font-weight",
        "font-style", "line-height", "text-align",
    }
)  # fmt: skip
# User-agent vertical margins (em of the element's font size) of the text blocks the proof
# knows; other blocks are not measured.
_BLOCK_MARGIN_EM = {
    "p": 1.0, "blockquote": 1.0, "div": 0.0,
    "h1": 0.67, "h2": 0.83, "h3": 1.0, "h4": 1.33, "h5": 1.67, "h6": 2.33,
}  # fmt: skip
# Inline elements that hold only text: no box of their own breaks the line-count bound.
_PHRASING_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    }
)  # fmt: skip
_SECTIONING_TAGS = frozenset({"article", "aside", "nav", "section"})
_NARROWEST_EM_PER_CHAR = 0.15  # as in zoomed-text-not-clipped: thin glyphs are ~0.22em
_WIDEST_EM_PER_CHAR = 1.5  # no word is wider than this per character


def _has_author_sheets(page: Page) -> bool:
    if any(style.is_html for style in page.by_tag("style")):
        return True
    return any(
        "stylesheet" in (link.attrs.get("rel") or "").lower().split()
        for link in page.by_tag("link")
    )


def _mentions_untracked(element: Element) -> bool:
    text = (element.attrs.get("style") or "").lower()
    return any(word in text for word in _UNTRACKED_WORDS)


def _px(value: str | None) -> float | None:
    if value is None or not value.endswith("px"):
        return None
    try:
        return float(value[:-2])
    except ValueError:
        return None


def _used_height(page: Page, element: Element) -> float | None:
    """The fixed height in px (``height`` capped by ``max-height``), ``None`` if not fixed."""
    style = computed_style(page, element)
    height = _px(style.get("height"))
    if height is None:
        return None
    cap = style.get("max-height")
    if cap not in (None, "none"):
        limit = _px(cap)
        if limit is None:
            return None
        height = min(height, limit)
    return height


def _has_visible_content(page: Page, element: Element) -> bool:
    has_content = any(
        not isinstance(child, Text) or child.data.strip() for child in element.children
    )
    return has_content and is_visible(page, element) is True


def _declared_properties(element: Element) -> set[str]:
    style = element.attrs.get("style") or ""
    return {part.split(":", 1)[0].strip().lower() for part in style.split(";") if ":" in part}


def _flows_plainly(page: Page, container: Element) -> bool:
    """No style attribute on the container or its ancestors changes how text flows."""
    node: Element | None = container
    while node is not None:
        if not _declared_properties(node) <= _TEXT_PROOF_PROPERTIES:
            return False
        node = node.parent
    return True


def _font_px(page: Page, element: Element) -> float | None:
    size = _px(computed_style(page, element).get("font-size"))
    if size is None or size <= 0:
        return None
    if element.tag == "h1" and any(a.tag in _SECTIONING_TAGS for a in _ancestors(element)):
        # Older user-agent sheets shrink a sectioned h1 to 1.5em: take the smaller size.
        parent = element.parent
        parent_size = _px(computed_style(page, parent).get("font-size")) if parent else None
        if parent_size is not None:
            size = min(size, 1.5 * parent_size)
    return size


def _ancestors(element: Element) -> Iterator[Element]:
    node = element.parent
    while node is not None:
        yield node
        node = node.parent


def _line_px(page: Page, block: Element, font_px: float) -> float | None:
    line_height = computed_style(page, block).get("line-height") or "normal"
    if line_height == "normal":
        return font_px
    if line_height.endswith("px"):
        return _px(line_height)
    try:
        return float(line_height) * font_px
    except ValueError:
        return None


def _text_fonts(page: Page, block: Element) -> tuple[float, float, float] | None:
    """The block's font size and the smallest and largest of its text, if only text is in it."""
    sizes = [_font_px(page, block)]
    for inner in block.descendants():
        if inner.tag not in _PHRASING_TAGS or inner.has("style"):
            return None
        sizes.append(_font_px(page, inner))
    known = [size for size in sizes if size is not None]
    if len(known) != len(sizes) or sizes[0] is None:
        return None
    return sizes[0], min(known), max(known)


def _wraps_plainly(page: Page, block: Element) -> bool:
    style = computed_style(page, block)
    return (
        style.display == "block"
        and style.get("white-space") == "normal"
        and style.get("letter-spacing") in ("normal", "0px")
        and style.get("word-spacing") in ("normal", "0px")
        and style.get("text-indent") in ("0px", "0")
    )


def _text_block_height(page: Page, block: Element, width: float) -> float | None:
    """A lower bound of the height of a block holding only text, ``None`` if not provable."""
    if block.has("style") or block.tag not in _BLOCK_MARGIN_EM or not _wraps_plainly(page, block):
        return None
    fonts = _text_fonts(page, block)
    words = block.text_content().split()
    if fonts is None or not words:
        return None
    block_font, smallest_font, biggest_font = fonts
    if max(len(word) for word in words) * _WIDEST_EM_PER_CHAR * biggest_font > width:
        return None  # a word wider than the box would sit alone on a line: no bound
    line = _line_px(page, block, block_font)
    if line is None:
        return None
    narrowest = len("".join(words)) * _NARROWEST_EM_PER_CHAR * smallest_font
    return math.ceil(narrowest / width) * line


def _text_overflow(page: Page, container: Element, limit: float) -> str | None:
    """Why the container's plain text blocks need more height than ``limit``, if they do."""
    style = computed_style(page, container)
    width = _px(style.get("width"))
    if (
        width is None
        or width <= 0
        or style.display not in ("block", "flow-root")  # flex or grid items sit side by side
        or not _flows_plainly(page, container)
    ):
        return None
    total = 0.0
    previous_margin = 0.0
    for child in container.element_children():
        height = _text_block_height(page, child, width)
        if height is None:
            return None
        font = _font_px(page, child) or 0.0
        margin = _BLOCK_MARGIN_EM[child.tag] * font
        # The container is a scroll container, so its children's margins stay inside it;
        # adjacent siblings' margins collapse to the larger one.
        total += max(previous_margin, margin) + height
        previous_margin = margin
    total += previous_margin
    if total <= limit:
        return None
    return (
        f"its text needs at least {total:.0f}px at a width of {width:g}px in any font, "
        f"more than its height of {limit:g}px"
    )


def overflow_proof(page: Page, container: Element) -> str | None:
    """Why ``container`` surely scrolls vertically by more than its padding, else ``None``."""
    if _has_author_sheets(page) or container.tag not in _UNPADDED_TAGS:
        return None
    style = computed_style(page, container)
    if (
        _mentions_untracked(container)
        or style.display not in _BLOCK_DISPLAYS
        or style.get("overflow-y") not in _VERTICALLY_SCROLLABLE
    ):
        return None
    limit = _used_height(page, container)
    if limit is None:
        return None
    for child in container.element_children():
        child_style = computed_style(page, child)
        height = _used_height(page, child)
        if (
            height is not None
            and height > limit
            and not _mentions_untracked(child)
            and child_style.display in _BLOCK_DISPLAYS
            and child_style.get("position") == "static"
            and child_style.get("transform") == "none"
            and _has_visible_content(page, child)
        ):
            return "a child is taller than the container's fixed height"
    return _text_overflow(page, container, limit)
