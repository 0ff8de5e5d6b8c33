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
    landmarks,
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
        "button",
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
_SCAN_LIMIT = 2000  # elements scanned for content under one block before assuming some


def _is_skip_link(page: Page, element: Element) -> bool:
    """A link to an element of the same page (``#id``): skip links sit before landmarks."""
    href = (element.attrs.get("href") or "").strip()
    return (
        element.tag == "a" and href.startswith("#") and page.get_element_by_id(href[1:]) is not None
    )


def _ancestors_of_landmarks(page: Page) -> frozenset[int]:
    """Orders of elements with a landmark among their descendants (memoised per page)."""
    memo: dict[int, frozenset[int]] = page.memo_table("rules.region_containers")
    found = memo.get(page.root.order)
    if found is None:
        orders: set[int] = set()
        for landmark in landmarks(page):
            node = landmark.parent
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
    images, media or controls (failed). Hidden content, dialogs and skip links (links to an
    element of the same page) are left out.

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
        containers = _ancestors_of_landmarks(page)
        stack = list(reversed(list(body.element_children())))
        while stack:
            element = stack.pop()
            if element.order in landmark_set:
                yield element
            elif element.order in containers:
                if _has_direct_text(element) and not is_hidden(page, element):
                    yield element
                stack.extend(reversed(list(element.element_children())))
            elif _has_content(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Landmarks pass; content blocks outside every landmark fail."""
        if target.order in landmark_orders(page):
            return Verdict(IN_LANDMARK, f"{role_of(page, target)} landmark")
        return Verdict(OUTSIDE, f"{describe(target)} is outside every landmark")
