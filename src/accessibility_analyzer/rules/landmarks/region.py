"""region: all page content is inside landmarks."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_hidden, role_of
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.html import NON_CONTENT_TAGS
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.landmarks._shared import (
    is_landmark_page,
    landmark_orders,
)

IN_LANDMARK = Diagnostic.passed("The content is inside a landmark")
OUTSIDE = Diagnostic.failed(
    "All page content should be contained by landmarks",
    fix_hint=(
        "Put the content in <header>, <nav>, <main>, <aside> or <footer> (or a landmark role); "
        "most of it belongs in <main>."
    ),
)

# Elements that are content by themselves, without text (media, embedded content, controls).
_CONTENT_TAGS = frozenset(
    {
        "audio",
        "canvas",
        "embed",
        "iframe",
        "img",
        "input",
        "meter",
        "object",
        "progress",
        "select",
        "svg",
        "textarea",
        "video",
    }
)
# Roles whose content is not part of the page's layout (axe-core leaves them out too).
_OUT_OF_FLOW_ROLES = frozenset({"alertdialog", "dialog"})
# Where axe-core's region walk stops without reporting: its regionMatcher ("dialog,
# [role=dialog], [role=alertdialog], svg"), buttons, and frames (their own pages).
_STOP_ROLES = _OUT_OF_FLOW_ROLES | {"button", "alert", "log", "status"}  # and live regions
_LIVE = frozenset({"assertive", "polite"})
_STOP_TAGS = frozenset({"dialog", "svg", "iframe", "frame"})
_SCAN_LIMIT = 2000  # elements scanned for content under one block before assuming some


def _is_skip_link(page: Page, element: Element) -> bool:
    """A link to an element of the same page (``#id``) before the page's first link to another
    page (axe-core's definition): skip links sit before landmarks, a table of contents does not.
    """
    href = (element.attrs.get("href") or "").strip()
    return (
        element.tag == "a"
        and href.startswith("#")
        and page.get_element_by_id(href[1:]) is not None
        and _before_first_page_link(page, element)
    )


def _before_first_page_link(page: Page, element: Element) -> bool:
    """Whether no link to another page comes before the element."""
    memo: dict[int, int] = page.memo_table("rules.region_first_page_link")
    first = memo.get(page.root.order)
    if first is None:
        first = memo[page.root.order] = next(
            (
                link.order
                for link in page.by_tag("a")
                if link.has("href")
                and not (link.attrs.get("href") or "")
                .strip()
                .startswith(("#", "/#", "javascript:"))
            ),
            -1,
        )
    return first < 0 or element.order < first


def _is_decorative_image(page: Page, element: Element) -> bool:
    """``<img alt="">`` or an image with role none: no content for assistive technologies."""
    return element.tag == "img" and (
        element.attrs.get("alt") == "" or role_of(page, element) in ("none", "presentation")
    )


def _is_stop(page: Page, element: Element, landmark_set: frozenset[int]) -> bool:
    """Where axe-core's walk ends: a landmark, a button, a frame, an SVG, a dialog, a live
    region, a skip link, or what screen readers do not see (``display: none``,
    ``aria-hidden``, scripts). Decorative images are neither content nor stops."""
    return (
        element.order in landmark_set
        or element.tag in _STOP_TAGS
        or element.tag in NON_CONTENT_TAGS
        or element.attrs.get("aria-hidden", "").strip() == "true"
        or role_of(page, element) in _STOP_ROLES
        or element.attrs.get("aria-live", "").strip().lower() in _LIVE
        or _is_skip_link(page, element)
        or is_hidden(page, element)
    )


def _containers(page: Page, body: Element) -> frozenset[int]:
    """Orders of the elements with a stop (:func:`_is_stop`) among their descendants.

    axe-core reports, for each piece of content outside landmarks, its outermost ancestor
    that has no stop inside, so a block is split into its children as soon as it holds a
    landmark, a skip link, a button or even a hidden element (memoised per page).
    """
    memo: dict[int, frozenset[int]] = page.memo_table("rules.region_containers")
    found = memo.get(page.root.order)
    if found is None:
        landmark_set = landmark_orders(page)
        orders: set[int] = set()
        stack = list(body.element_children())
        while stack:
            element = stack.pop()
            if not _is_stop(page, element, landmark_set):
                stack.extend(element.element_children())
                continue
            node = element.parent
            while node is not None and node.order not in orders:
                orders.add(node.order)
                node = node.parent
        found = memo[page.root.order] = frozenset(orders)
    return found


def _has_direct_text(element: Element) -> bool:
    return any(isinstance(child, Text) and child.data.strip() for child in element.children)


def _has_content(page: Page, block: Element) -> bool:
    """Whether the block holds perceivable content: text or media, not hidden, no skip link."""
    scanned = 0
    stack = [block]
    while stack:
        element = stack.pop()
        scanned += 1
        if scanned > _SCAN_LIMIT:
            return True
        if (
            element.tag in NON_CONTENT_TAGS
            or is_hidden(page, element)
            or _is_skip_link(page, element)
            or _is_decorative_image(page, element)
            or role_of(page, element) in _OUT_OF_FLOW_ROLES
        ):
            continue
        if element.tag in _CONTENT_TAGS or _has_direct_text(element):
            return True
        stack.extend(element.element_children())
    return False


class Region(Rule):
    """All page content should be contained by landmarks.

    ## What it checks
    The content of the page's `<body>` is inside landmarks (`header`, `nav`, `main`, `aside`,
    `footer`, named `section`/`form`, or landmark roles). The targets are the outermost
    landmarks (passed) and the outermost blocks outside every landmark that hold text,
    images, media or controls (failed). Hidden content, decorative images, dialogs, live
    regions, buttons, SVG, frames and skip links (links to an element of the same page
    before the first link to another page) are left out.

    The blocks are axe-core's: a block is split into its children as soon as it holds
    something left out (a landmark, a skip link, a button, even a hidden element), so each
    failure is the element axe-core reports.

    ## Why it matters
    Screen-reader users move through a page by its landmarks; content outside every landmark
    is skipped by that navigation and easily missed.

    ## Fails
        <body><p>Opening hours: 9-17</p><main>…</main></body>
        <body><div class="banner"><img src="logo.png" alt="ACME"></div><main>…</main></body>

    ## Passes
        <body><a href="#main">Skip to content</a><main id="main">…</main></body>
        <body><header>…</header><main>…</main><footer>…</footer></body>

    ## Limitations
    A block with more than 2,000 elements is assumed to hold content. Content that only
    style sheets outside the upload hide still counts.
    """

    meta = RuleMeta(
        id="region",
        name="All page content is inside landmarks",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.keyboard", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Outermost landmarks, and outermost blocks with content outside all landmarks."""
        bodies = [body for body in page.by_tag("body") if body.is_html]
        if not bodies or not is_landmark_page(page):
            return
        body = bodies[0]
        if _has_direct_text(body) and not is_hidden(page, body):
            yield body
        landmark_set = landmark_orders(page)
        containers = _containers(page, body)
        stack = list(reversed(list(body.element_children())))
        while stack:
            element = stack.pop()
            if element.order in landmark_set:
                yield element
            elif element.order in containers:
                if _has_direct_text(element) and not is_hidden(page, element):
                    yield element
                stack.extend(reversed(list(element.element_children())))
            elif not _is_stop(page, element, landmark_set) and _has_content(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Landmarks pass; content blocks outside every landmark fail."""
        if target.order in landmark_orders(page):
            return Verdict(IN_LANDMARK, f"{role_of(page, target)} landmark")
        return Verdict(OUTSIDE, f"{describe(target)} is outside every landmark")
