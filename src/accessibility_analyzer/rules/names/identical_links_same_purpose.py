"""identical-links-same-purpose: links with the same name lead to equivalent resources."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from accessibility_analyzer.engine.aria import accessible_name, is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.questions import LINKS_SAME_PURPOSE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.site import resolve_page_url
from accessibility_analyzer.engine.standards.aria import LINK_ROLES
from accessibility_analyzer.rules._common import elements_with_roles
from accessibility_analyzer.rules._reasons import listing

SAME_PURPOSE = Diagnostic.passed("Links with this name lead to the same resource")
DIFFERENT_PURPOSE = Diagnostic.failed(
    "Links with the same accessible name should serve the same purpose",
    fix_hint=(
        'Name each link after its own destination ("Contact sales", "Contact support"), or '
        "point them at the same resource."
    ),
)
_MAX_NAME = 60


def _matching_name(page: Page, element: Element) -> str:
    """The accessible name compared as ACT "matching": whitespace collapsed, case ignored."""
    return " ".join(accessible_name(page, element).split()).casefold()


def _destination(page: Page, element: Element) -> str | None:
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


def _groups(page: Page) -> dict[str, list[Element]]:
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
            name = _matching_name(page, element)
            if name:
                by_name.setdefault(name, []).append(element)
        found = {name: links for name, links in by_name.items() if len(links) > 1}
        memo[page.root.order] = found
    return found


class IdenticalLinksSamePurpose(Rule):
    """Links with the same accessible name should serve a similar purpose.

    ## What it checks
    For every set of two or more links (HTML or SVG elements with the role `link` or a role
    inheriting from it) in the accessibility tree whose accessible names match (ignoring
    case and extra whitespace), the set's first link is the target: it passes when every
    link of the set resolves to the same URL (query and fragment included). When the URLs
    differ, or a link has no `href` (a scripted link), whether the resources are equivalent
    is a question for the oracle (`links-same-purpose`): without an answer, `cantTell`.

    ## Why it matters
    Screen-reader users often list a page's links by name: two "Contact us" links that go to
    different places cannot be told apart (WCAG 2.4.9 Link Purpose (Link Only); in the same
    context, 2.4.4).

    ## Fails
        <a href="/sales/contact">Contact us</a> <a href="/support/contact">Contact us</a>
        (when the oracle says the two pages serve different purposes)

    ## Passes
        <a href="/contact">Contact us</a> <a href="/contact">Contact us</a>

    ## Limitations
    Resources are not fetched: different URLs (even `/a` and `/a/`) are never assumed
    equivalent, and redirects are not followed. The link context (ACT fd3a94) is not
    computed: links in different contexts are judged as one set, which the oracle's answer
    then decides.
    """

    meta = RuleMeta(
        id="identical-links-same-purpose",
        name="Links with the same name serve the same purpose",
        wcag=("2.4.9",),
        act_rules=("b20e66", "fd3a94"),
        impact=Impact.MINOR,
        tags=("cat.semantics", "wcag2aaa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first link of each set of exposed links with matching non-empty names."""
        firsts = [links[0] for links in _groups(page).values()]
        yield from sorted(firsts, key=lambda element: element.order)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """One destination for the whole set; else the oracle decides."""
        name = _matching_name(page, target)
        links = _groups(page)[name]
        destinations = {_destination(page, link) for link in links}
        shown = f'{len(links)} links named "{name[:_MAX_NAME]}"'
        if None not in destinations and len(destinations) == 1:
            return Verdict(SAME_PURPOSE, f"{shown} lead to {destinations.pop()}")
        verdict = self.ask(
            oracle, LINKS_SAME_PURPOSE, page, target, yes=SAME_PURPOSE, no=DIFFERENT_PURPOSE
        )
        if verdict.question is None:
            return verdict
        targets = sorted(destination or "(a scripted link)" for destination in destinations)
        return replace(verdict, reason=f"{shown} lead to {listing(targets)}")
