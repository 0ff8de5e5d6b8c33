"""Links that share an accessible name, and where they lead (the identical-links rules)."""

from __future__ import annotations

from urllib.parse import urlsplit

from accessibility_analyzer.engine.aria import accessible_name, is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.site import resolve_page_url
from accessibility_analyzer.engine.standards.aria import LINK_ROLES
from accessibility_analyzer.rules._common import elements_with_roles


def matching_name(page: Page, element: Element) -> str:
    """The accessible name compared as ACT "matching": whitespace collapsed, case ignored."""
    return " ".join(accessible_name(page, element).split()).casefold()


def destination(page: Page, element: Element) -> str | None:
    """Where the link leads: its ``href`` resolved within the upload, or as written."""
    href = element.attrs.get("href")
    if href is None and element.namespace is Namespace.SVG:
        href = element.attrs.get("xlink:href")
    if href is None or not href.strip():
        return None  # a scripted link: where it goes is not in the markup
    href = href.strip()
    resolved = resolve_page_url(page, href)
    if resolved is None:
        return href
    # The resolved path names a file of the upload; the query and fragment still tell
    # destinations apart (contact.html?page=1 and ?page=2 may be different pages).
    parts = urlsplit(href)
    return (
        resolved
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def link_sets(page: Page) -> dict[str, list[Element]]:
    """Matching name -> the exposed links with it, for names two or more links share."""
    memo: dict[int, dict[str, list[Element]]] = page.memo_table("rules.identical_links")
    found = memo.get(page.root.order)
    if found is None:
        by_name: dict[str, list[Element]] = {}
        for element in elements_with_roles(page, LINK_ROLES):
            if element.namespace is Namespace.MATHML:
                continue
            if not is_included_in_accessibility_tree(page, element):
                continue
            name = matching_name(page, element)
            if name:
                by_name.setdefault(name, []).append(element)
        found = {name: links for name, links in by_name.items() if len(links) > 1}
        memo[page.root.order] = found
    return found
