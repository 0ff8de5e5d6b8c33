"""When a scroll container certainly overflows, decided without layout.

The cascade does not track padding or margins, so the proof only runs on pages whose only
author styles are ``style`` attributes that do not mention them: then the container's
padding and the child's margins are the user-agent defaults (zero vertical padding for
the container tags below, non-negative margins for every element), and a child taller
than the container's fixed height makes it scroll by more than its padding.
"""

from __future__ import annotations

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


def certainly_overflows(page: Page, container: Element) -> bool:
    """Whether ``container`` scrolls vertically by more than its padding, for sure."""
    if _has_author_sheets(page) or container.tag not in _UNPADDED_TAGS:
        return False
    style = computed_style(page, container)
    if (
        _mentions_untracked(container)
        or style.display not in _BLOCK_DISPLAYS
        or style.get("overflow-y") not in _VERTICALLY_SCROLLABLE
    ):
        return False
    limit = _used_height(page, container)
    if limit is None:
        return False
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
            return True
    return False
