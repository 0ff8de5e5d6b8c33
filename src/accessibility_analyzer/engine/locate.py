"""Where a finding is: a unique CSS selector, an XPath, and the start tag as a snippet.

Every function here is linear in the depth of the element: sibling positions are computed
once per parent and memoised on the page, never by scanning siblings per query.

Paths are bounded: an element more than :data:`MAX_PATH_STEPS` levels below its nearest
anchor (the root, or an ancestor with a unique id) gets a short locator instead of a path as
long as its depth. Without the bound, a page nested 100,000 deep with a finding at every level
would produce locators whose total length grows with the square of the depth (gigabytes).
The XPath stays exact there (``(//*)[n]``, the n-th element in document order); the CSS
selector is the last :data:`TAIL_STEPS` steps, which may also match elsewhere: the finding's
line, column and XPath still pin it down.
"""

from __future__ import annotations

import re
from typing import Any

from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Namespace, Page

SNIPPET_LIMIT = 300
_ELLIPSIS = "…"
_SIBLING_INDEX_TABLE = "locate.sibling_index"
_SIBLING_COUNT_TABLE = "locate.sibling_count"


_PLAIN_IDENTIFIER = re.compile(r"^(?:[A-Za-z_]|-[A-Za-z_-])[A-Za-z0-9_-]*$")
_SELECTOR_TABLE = "locate.css_selector"
_MEMO_PREFIX_LIMIT = 400  # characters: longer ancestor paths are not memoised
_MEMO_PREFIX_STEPS = 64  # steps: deeper walks memoise only their own result
_XPATH_TABLE = "locate.xpath"
_SHORT_SELECTOR_TABLE = "locate.css_selector.short"
MAX_PATH_STEPS = 256  # levels below the nearest anchor before locators are shortened
TAIL_STEPS = 16  # steps kept in the CSS selector of an element deeper than that


def css_escape(identifier: str) -> str:
    """Escape an identifier for a CSS selector (the CSSOM ``CSS.escape`` algorithm)."""
    if _PLAIN_IDENTIFIER.match(identifier):
        return identifier  # the common case: nothing to escape
    out: list[str] = []
    for index, char in enumerate(identifier):
        code = ord(char)
        if code == 0:
            out.append("\ufffd")
        elif (
            0x1 <= code <= 0x1F
            or code == 0x7F
            or (index == 0 and "0" <= char <= "9")
            or (index == 1 and "0" <= char <= "9" and identifier[0] == "-")
        ):
            out.append(f"\\{code:x} ")
        elif index == 0 and char == "-" and len(identifier) == 1:
            out.append("\\-")
        elif code >= 0x80 or char in "-_" or (char.isascii() and char.isalnum()):
            out.append(char)
        else:
            out.append("\\" + char)
    return "".join(out)


def _of_page(page: Page, element: Element) -> bool:
    """Whether ``element`` is the page's own (the memo tables are indexed by its order)."""
    order = element.order
    return 0 <= order < len(page.elements) and page.elements[order] is element


def _sibling_position(page: Page, element: Element) -> tuple[int, int]:
    """(1-based index among same-tag siblings, number of same-tag siblings)."""
    # Two dense tables of ints, not a tuple per element: positions are mostly small ints,
    # which Python shares, so a 100,000-element page stores ~1.6 MB instead of ~16.
    indexes = page.element_memo.get(_SIBLING_INDEX_TABLE)
    if indexes is None:
        indexes = page.element_table(_SIBLING_INDEX_TABLE)
    counts_table = page.element_table(_SIBLING_COUNT_TABLE)
    order = element.order
    known = indexes[order]
    if known is not NOT_COMPUTED:
        return known, counts_table[order]
    parent = element.parent
    if parent is None:
        indexes[order] = counts_table[order] = 1
        return 1, 1
    counts: dict[tuple[str, Namespace], int] = {}
    positions: list[tuple[Element, int]] = []
    for sibling in parent.element_children():
        key = (sibling.tag, sibling.namespace)
        counts[key] = counts.get(key, 0) + 1
        positions.append((sibling, counts[key]))
    for sibling, index in positions:
        indexes[sibling.order] = index
        counts_table[sibling.order] = counts[(sibling.tag, sibling.namespace)]
    return indexes[order], counts_table[order]


def _has_unique_id(page: Page, element: Element) -> bool:
    value = element.attrs.get("id")
    return bool(value) and len(page.by_id(value or "")) == 1


def css_selector(page: Page, element: Element) -> str:
    """A selector that matches ``element`` and nothing else in the page.

    ``#id`` when the id is unique; otherwise a child path of ``tag:nth-of-type(n)`` steps
    (the index only where the tag repeats among siblings) from the nearest ancestor with a
    unique id, or from ``html`` (``:root`` when foreign content holds another ``html``).
    Memoised per element, and short ancestor paths are reused as prefixes.
    """
    table = page.element_table(_SELECTOR_TABLE) if _of_page(page, element) else None
    if table is not None:
        known = table[element.order]
        if known is NOT_COMPUTED:
            known = page.element_table(_SHORT_SELECTOR_TABLE)[element.order]
        if known is not NOT_COMPUTED:
            selector: str = known
            return selector
    path: list[tuple[Element, str]] = []  # (element, its step), subject first
    prefix: str | None = None
    node: Element | None = element
    while node is not None:
        if len(path) >= MAX_PATH_STEPS:
            tail = " > ".join(step for _, step in reversed(path[:TAIL_STEPS]))
            if table is not None:
                # Kept apart from the path table: a descendant must not extend a shortened
                # locator step by step (that would grow with depth again).
                page.element_table(_SHORT_SELECTOR_TABLE)[element.order] = tail
            return tail
        if table is not None and node is not element and _is_short(table[node.order]):
            prefix = table[node.order]
            break
        if _has_unique_id(page, node):
            path.append((node, "#" + css_escape(node.attrs["id"])))
            break
        if node.parent is None:
            # Foreign content may hold another element named "html" (``<svg><html>``).
            path.append((node, "html" if len(page.by_tag("html")) == 1 else ":root"))
            break
        if table is not None:
            index, count = _sibling_position(page, node)
        else:  # not an element of this page: nothing to memoise under
            index, count = _uncached_position(node)
        step = css_escape(node.tag)
        if count > 1:
            step += f":nth-of-type({index})"
        path.append((node, step))
        node = node.parent
    return _join_down(table, path, prefix, " > ")


def _is_short(memoised: Any) -> bool:
    """Whether a memoised ancestor path may be extended (long ones would grow with depth)."""
    return memoised is not NOT_COMPUTED and len(memoised) < _MEMO_PREFIX_LIMIT


def _join_down(
    table: list[Any] | None, path: list[tuple[Element, str]], prefix: str | None, separator: str
) -> str:
    """Join steps from the top down, memoising the short intermediate results.

    Only results under :data:`_MEMO_PREFIX_LIMIT` characters are kept for ancestors, so a
    page nested 100,000 deep does not store 100,000 ever longer strings.
    """
    if len(path) > _MEMO_PREFIX_STEPS:
        steps = [step for _, step in reversed(path)]
        joined = separator.join(steps) if prefix is None else separator.join([prefix, *steps])
        if table is not None:
            table[path[0][0].order] = joined
        return joined
    current = prefix
    for node, step in reversed(path):
        current = step if current is None else current + separator + step
        if table is not None and (len(current) < _MEMO_PREFIX_LIMIT or node is path[0][0]):
            table[node.order] = current
    assert current is not None
    return current


def xpath(element: Element, page: Page | None = None) -> str:
    """An absolute XPath (``/html/body/div[2]/img``); foreign elements by ``local-name()``.

    Pass ``page`` to reuse the page's memoised sibling positions (linear over many calls)
    and memoise the result.
    """
    if page is None or not _of_page(page, element):
        return "/" + "/".join(step for _, step in reversed(_xpath_steps(element, None, None)))
    table = page.element_table(_XPATH_TABLE)
    known = table[element.order]
    if known is not NOT_COMPUTED:
        found: str = known
        return found
    steps = _xpath_steps(element, page, table)
    if len(steps) > MAX_PATH_STEPS:
        # Exact and short: the element's position in document order. Not memoised as a
        # prefix for descendants, which would extend it step by step.
        return f"(//*)[{element.order + 1}]"
    top = steps[-1][0].parent if steps else None
    prefix = table[top.order] if top is not None else None
    if prefix is None:  # from the root: the absolute path starts with "/"
        steps[-1] = (steps[-1][0], "/" + steps[-1][1])
    return _join_down(table, steps, prefix, "/")


def _xpath_steps(
    element: Element, page: Page | None, table: list[Any] | None
) -> list[tuple[Element, str]]:
    """XPath steps from ``element`` up to the root or a memoised ancestor."""
    steps: list[tuple[Element, str]] = []
    node: Element | None = element
    while node is not None:
        if page is not None and len(steps) > MAX_PATH_STEPS:
            break  # the caller locates it by document order instead
        if table is not None and node is not element and _is_short(table[node.order]):
            break
        if page is not None:
            index, count = _sibling_position(page, node)
        else:
            index, count = _uncached_position(node)
        step = node.tag if node.is_html else f"*[local-name()='{node.tag}']"
        if count > 1:
            step += f"[{index}]"
        steps.append((node, step))
        node = node.parent
    return steps


def _uncached_position(element: Element) -> tuple[int, int]:
    if element.parent is None:
        return 1, 1
    index = count = 0
    for sibling in element.parent.element_children():
        if sibling.tag == element.tag and sibling.namespace is element.namespace:
            count += 1
            if sibling is element:
                index = count
    return index, count


_ATTR_ESCAPES = str.maketrans({"&": "&amp;", '"': "&quot;", "<": "&lt;"})
_WHITESPACE = re.compile(r"\s+")


def snippet(page: Page, element: Element) -> str:
    """The element's start tag as written (at most 300 characters, ``…`` when cut).

    Elements the parser inserted get a start tag rebuilt from their name and attributes.
    """
    if element.source_start is not None and element.source_end is not None:
        text = page.source[element.source_start : element.source_end]
    else:
        attrs = "".join(
            f' {name}="{value.translate(_ATTR_ESCAPES)}"' if value else f" {name}"
            for name, value in element.attrs.items()
        )
        text = f"<{element.tag}{attrs}>"
    if len(text) > SNIPPET_LIMIT:
        return text[: SNIPPET_LIMIT - 1] + _ELLIPSIS
    return text
