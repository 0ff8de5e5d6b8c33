"""identical-links-same-context: same-named links in one context lead to equivalent places."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import LINKS_SAME_PURPOSE_IN_CONTEXT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import listing
from accessibility_analyzer.rules.names._links import destination, link_sets, matching_name

SAME_PURPOSE = Diagnostic.passed("Links with this name and context lead to the same resource")
NOT_TOLD_APART = Diagnostic.passed(
    "These same-named links serve the same purpose, or nothing visible tells them apart"
)
TOLD_APART_ONLY_VISUALLY = Diagnostic.failed(
    "Links with the same name and context must not lead to different things that only the "
    "page's visual presentation tells apart",
    fix_hint=(
        'Put what tells them apart into each link\'s name ("Contact us by chat", "Contact us '
        "by phone\"), for example with visually hidden text or the icons' alt text."
    ),
)
# Displays whose box is a block container (CSS Display 3): the closest such ancestor is
# part of a link's programmatically determined context. Flex and grid containers are not.
_BLOCK_CONTAINERS = frozenset(
    {"block", "inline-block", "list-item", "flow-root", "table-cell", "table-caption"}
)
_CELL_ROLES = frozenset({"cell", "gridcell"})
_MAX_NAME = 60
_ContextKey = tuple[str, frozenset[int]]


def _link_context(page: Page, link: Element) -> frozenset[int]:
    """The link's programmatically determined context (ACT's definition), as element orders.

    Its list-item ancestors, its closest block-container ancestor, its closest cell
    ancestor (which stands for that cell's header cells too) and the elements its
    ``aria-describedby`` names; only those included in the accessibility tree.
    """
    members: list[Element] = []
    block_found = cell_found = False
    node = link.parent
    while node is not None:
        role = role_of(page, node)
        if role == "listitem":
            members.append(node)
        if not cell_found and role in _CELL_ROLES:
            members.append(node)
            cell_found = True
        if not block_found and computed_style(page, node).display in _BLOCK_CONTAINERS:
            members.append(node)
            block_found = True
        node = node.parent
    for reference in (link.attrs.get("aria-describedby") or "").split():
        members.extend(page.by_id(reference)[:1])
    return frozenset(
        member.order for member in members if is_included_in_accessibility_tree(page, member)
    )


def _sets_in_context(page: Page) -> dict[_ContextKey, list[Element]]:
    """(name, context) -> the links sharing both, for sets of two or more."""
    memo: dict[int, dict[_ContextKey, list[Element]]] = page.memo_table(
        "rules.identical_links_context"
    )
    found = memo.get(page.root.order)
    if found is None:
        by_key: dict[_ContextKey, list[Element]] = {}
        for name, links in link_sets(page).items():
            for link in links:
                by_key.setdefault((name, _link_context(page, link)), []).append(link)
        found = {key: links for key, links in by_key.items() if len(links) > 1}
        memo[page.root.order] = found
    return found


class IdenticalLinksSameContext(Rule):
    """Links with the same name and the same context must not differ only visually.

    ## What it checks
    For every set of two or more links in the accessibility tree whose accessible names
    match (ignoring case and extra whitespace) and whose programmatically determined
    context is the same set of elements (their list-item ancestors, closest block
    container, closest cell and its headers, and what `aria-describedby` names), the set's
    first link is the target. It passes when every link resolves to the same URL. Otherwise
    the oracle is asked `links-same-purpose-in-context`: do the resources serve the same
    purpose, or does nothing visible tell the links apart? Yes passes; no fails, since then
    sighted users learn which link is which and screen-reader users cannot. Without an
    answer, `cantTell`.

    ## Why it matters
    A chat icon and a phone icon next to two "Contact us" links tell sighted users which is
    which; a screen-reader user hears the same name in the same sentence twice
    (WCAG 2.4.4 Link Purpose (In Context)).

    ## Fails
        <p>Contact us: <a href="/contact?chat"><img src="chat.png" alt="">Contact us</a>
        <a href="/contact?phone"><img src="phone.png" alt="">Contact us</a></p>
        (per the oracle: different purposes, told apart only by the icons)

    ## Passes
        <p><a href="/about">About us</a> and (<a href="/about">About us</a>)</p>
        <p>Learn (<a href="/call1">Call us</a>), get in touch (<a href="/call2">Call us</a>)</p>
        (per the oracle: nothing visible tells them apart)

    ## Limitations
    Resources are not fetched: different URLs are never assumed equivalent. The flat tree
    of shadow DOM built by scripts is not seen.
    """

    meta = RuleMeta(
        id="identical-links-same-context",
        name="Links with the same name and context serve the same purpose",
        wcag=("2.4.4",),
        act_rules=("fd3a94",),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first link of each set sharing a matching name and the same context."""
        firsts = [links[0] for links in _sets_in_context(page).values()]
        yield from sorted(firsts, key=lambda element: element.order)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """One destination; else equivalent resources; else nothing visible tells them apart."""
        key = (matching_name(page, target), _link_context(page, target))
        links = _sets_in_context(page)[key]
        destinations = {destination(page, link) for link in links}
        shown = f'{len(links)} links named "{key[0][:_MAX_NAME]}" in the same context'
        if None not in destinations and len(destinations) == 1:
            return Verdict(SAME_PURPOSE, f"{shown} lead to {destinations.pop()}")
        verdict = self.ask(
            oracle,
            LINKS_SAME_PURPOSE_IN_CONTEXT,
            page,
            target,
            yes=NOT_TOLD_APART,
            no=TOLD_APART_ONLY_VISUALLY,
        )
        if verdict.question is None:
            return verdict
        targets = sorted(where or "(a scripted link)" for where in destinations)
        return verdict.with_reason(f"{shown} lead to {listing(targets)}")
