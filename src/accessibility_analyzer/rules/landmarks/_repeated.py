"""Where a page's repeated blocks end and its own content starts, as far as markup tells.

The bypass rules (ACT cf77f2 and its technique rules 047fe0, b40fd1, ye5d6e, 3e12e1) all
ask where the *blocks of repeated content* (the same navigation, banner or side notes on
every page of a site) stop and the page's *own content* begins. Only the other pages of the
site know what repeats; from one page the markup gives this reading, shared by the rules:

* a page can repeat blocks only when a link leads to another page of its site (ACT
  "distance 1"; a relative URL, or an absolute one to the host of its own URL);
* the page *opens with repeated content* when its first content is a link or a button, or
  is inside a banner, navigation, complementary or contentinfo landmark;
* its *own content* then starts at the first content after that which is neither in a
  link or button nor in such a landmark (a `main` landmark is always own content).

When the page does not open that way, where its own content starts is a question for a
person, and each rule asks its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from accessibility_analyzer.engine.aria import is_hidden, role_of
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.standards.html import NON_CONTENT_TAGS
from accessibility_analyzer.rules.landmarks._shared import landmark_orders

# Roles of landmarks that usually hold blocks repeated on every page of a site.
REPEATED_ROLES = frozenset({"banner", "complementary", "contentinfo", "navigation"})
_DECORATIVE_ROLES = frozenset({"none", "presentation"})
# Marks "inside a main landmark" in the enclosing-landmark table.
_MAIN = Element("main")
# The reason of a pass on a page without links to the rest of its site.
NOTHING_REPEATS = "no link leads to another page of the site, so no block can repeat there"


@dataclass(frozen=True)
class Layout:
    """The page's repeated blocks and own content, as the markup shows them.

    Attributes:
        leads_elsewhere: a link leads to another page of the site (else no block can
            repeat there).
        opening: the page's first content when it looks repeated (a link or button, or
            content of a repeated landmark), else ``None``.
        own_start: with ``opening``, the first content after it that is neither in a link
            or button nor in a repeated landmark (``None`` when nothing follows); else ``None``.
    """

    leads_elsewhere: bool
    opening: Element | None
    own_start: Element | None


def page_layout(page: Page) -> Layout:
    """The :class:`Layout` of a page with a body (memoised per page)."""
    memo: dict[int, Layout] = page.memo_table("rules.landmarks.layout")
    found = memo.get(page.root.order)
    if found is None:
        found = memo[page.root.order] = _layout(page)
    return found


def _layout(page: Page) -> Layout:
    body = next(body for body in page.by_tag("body") if body.is_html)
    first = first_content(page, body)
    if first is None or not looks_repeated(page, first):
        return Layout(leads_elsewhere(page), None, None)
    block = repeated_landmark(page, first) or first
    own_start = _next_content(page, subtree_end(page, block) + 1, skip_repeated=True)
    return Layout(leads_elsewhere(page), first, own_start)


def leads_elsewhere(page: Page) -> bool:
    """Whether a link leads to another page of the same site (where blocks could repeat).

    Relative URLs stay on the site; absolute ones only with the host of the page's own URL
    (its ``<base href>`` or canonical link), since other sites do not repeat its blocks.
    ``#fragment``, ``?query`` (the same page) and ``mailto:``-like URLs lead to no other page.
    """
    host = _own_host(page)
    for tag in ("a", "area"):
        for link in page.by_tag(tag):
            href = (link.get("href") or "").strip()
            if not href or href.startswith(("#", "?")):
                continue
            parts = urlsplit(href)
            if parts.netloc or href.startswith("//"):
                if host is not None and parts.hostname == host:
                    return True
            elif not parts.scheme:
                return True
    return False


def _own_host(page: Page) -> str | None:
    """The host of the page's own URL, from ``<base href>`` or ``<link rel=canonical>``."""
    for element in (*page.by_tag("base"), *page.by_tag("link")):
        rels = (element.get("rel") or "").lower().split()
        if element.tag == "base" or "canonical" in rels:
            host = urlsplit((element.get("href") or "").strip()).hostname
            if host:
                return host
    return None


def first_content(page: Page, body: Element) -> Element | None:
    """The first element of the body, in document order, that is a landmark or shows text."""
    orders = landmark_orders(page)
    for element in body.descendants():
        if element.tag in NON_CONTENT_TAGS or is_hidden(page, element):
            continue
        if element.order in orders or element.tag in ("a", "img"):
            return element
        if _has_own_text(element):
            return element
    return None


def looks_repeated(page: Page, element: Element) -> bool:
    """Whether content at ``element`` reads as repeated: a link or button, or in such a landmark."""
    return is_control(page, element) or repeated_landmark(page, element) is not None


def is_link(page: Page, element: Element) -> bool:
    """An ``<a>`` (with or without ``href``) or an element with the role ``link``."""
    return element.tag == "a" or role_of(page, element) == "link"


def is_control(page: Page, element: Element) -> bool:
    """A link (:func:`is_link`), a button or a ``<summary>``: what headers and menus are made of."""
    return is_link(page, element) or element.tag == "summary" or role_of(page, element) == "button"


def repeated_landmark(page: Page, element: Element) -> Element | None:
    """The repeated-role landmark ``element`` is in (inclusive), unless a ``main`` is nearer."""
    found = _enclosing(page)[element.order]
    return None if found is None or found is _MAIN else found


def in_main(page: Page, element: Element) -> bool:
    """Whether ``element`` is a ``main`` landmark or inside one (and no repeated one nearer)."""
    return _enclosing(page)[element.order] is _MAIN


def subtree_end(page: Page, element: Element) -> int:
    """The order of the last element in ``element``'s subtree (itself when it has none)."""
    return _subtree_ends(page)[element.order]


def _enclosing(page: Page) -> list[Element | None]:
    """Per element order: its nearest inclusive main or repeated-role landmark (one pass).

    ``page.elements`` lists parents before children, so each element reads its parent's
    entry: linear, where walking the ancestors of every element would cost the depth each.
    """
    memo: dict[int, list[Element | None]] = page.memo_table("rules.landmarks.enclosing")
    table = memo.get(page.root.order)
    if table is None:
        orders = landmark_orders(page)
        table = []
        for element in page.elements:
            found = None if element.parent is None else table[element.parent.order]
            if element.order in orders:
                role = role_of(page, element)
                if role == "main":
                    found = _MAIN
                elif role in REPEATED_ROLES:
                    found = element
            table.append(found)
        memo[page.root.order] = table
    return table


def _subtree_ends(page: Page) -> list[int]:
    """Per element order: the order of the last element of its subtree (one reverse pass)."""
    memo: dict[int, list[int]] = page.memo_table("rules.landmarks.subtree_ends")
    table = memo.get(page.root.order)
    if table is None:
        table = list(range(len(page.elements)))
        for element in reversed(page.elements):
            parent = element.parent
            if parent is not None and table[element.order] > table[parent.order]:
                table[parent.order] = table[element.order]
        memo[page.root.order] = table
    return table


def content_at(page: Page, element: Element) -> Element | None:
    """Where focus sent to ``element`` lands: the first content at or after it, not in a link.

    Links are passed over: a skip link's target is often an anchor (``<a id="top">-</a>``)
    just before the content it names.
    """
    memo: dict[int, Element | None] = page.memo_table("rules.landmarks.content_at")
    if element.order not in memo:
        memo[element.order] = _next_content(page, element.order, skip_repeated=False)
    return memo[element.order]


def is_own_content(page: Page, layout: Layout, element: Element) -> bool | None:
    """Whether ``element`` is the page's own content after repeated blocks (None: unknown)."""
    if in_main(page, element):
        return True
    if repeated_landmark(page, element) is not None:
        return False
    if layout.own_start is None:
        return None
    return element.order >= layout.own_start.order


def repeated_blocks(page: Page, layout: Layout) -> list[Element]:
    """The repeated blocks before the own content: repeated landmarks and links outside them."""
    if layout.opening is None or layout.own_start is None:
        return []
    blocks: list[Element] = []
    end = -1
    for element in page.elements[layout.opening.order : layout.own_start.order]:
        if element.order <= end or is_hidden(page, element):
            continue
        block = repeated_landmark(page, element)
        if block is not None and block.order == element.order:
            blocks.append(block)
            end = subtree_end(page, block)
        elif block is None and is_link(page, element):
            blocks.append(element)
            end = subtree_end(page, element)
    return blocks


def _next_content(page: Page, start: int, *, skip_repeated: bool) -> Element | None:
    """The first content from ``start`` on, not in a link (nor a repeated landmark if asked)."""
    order = start
    while order < len(page.elements):
        element = page.elements[order]
        if (
            element.tag in NON_CONTENT_TAGS
            or is_hidden(page, element)
            or is_control(page, element)
            or (skip_repeated and repeated_landmark(page, element) is not None)
        ):
            order = subtree_end(page, element) + 1  # skip the whole subtree
            continue
        if _is_content(page, element):
            return element
        order += 1
    return None


def _is_content(page: Page, element: Element) -> bool:
    """Perceivable content the markup shows: text of its own, or an image that is not decorative."""
    if element.tag in NON_CONTENT_TAGS or is_hidden(page, element):
        return False
    if element.tag == "img":
        return role_of(page, element) not in _DECORATIVE_ROLES
    return _has_own_text(element)


def _has_own_text(element: Element) -> bool:
    return any(isinstance(child, Text) and child.data.strip() for child in element.children)


def may_collapse_blocks(page: Page) -> bool:
    """Whether something on the page may hide blocks: a script, a handler, a disclosure.

    Scripts are not run, so any ``<script>``, event-handler attribute, button, ``<details>``,
    ``aria-expanded`` control or checkbox (a CSS ``:checked`` toggle) may collapse a block.
    """
    if any(page.by_tag(tag) for tag in _MAY_TOGGLE_TAGS):
        return True
    if any(
        (field.get("type") or "").strip().lower() in ("checkbox", "radio")
        for field in page.by_tag("input")
    ):
        return True
    return any(
        name == "aria-expanded" or name.startswith("on")
        for element in page.elements
        for name in element.attrs
    )


# Elements that can show and hide content without other markup (checkboxes and radio
# buttons too: CSS can hide a block from their :checked state).
_MAY_TOGGLE_TAGS = ("script", "button", "details")
