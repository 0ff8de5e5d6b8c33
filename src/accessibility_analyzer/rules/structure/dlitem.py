"""dlitem: dt and dd elements are contained by a dl."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import explicit_role, is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe

IN_DL = Diagnostic.passed("The dt/dd element is inside a dl")
OUTSIDE_DL = Diagnostic.failed(
    "dt and dd elements must be contained by a dl",
    fix_hint="Wrap the term and its description in <dl> (a div around a dt/dd group is fine).",
)


def _is_plain(page: Page, element: Element, tag: str) -> bool:
    """An HTML ``tag`` element whose role is not changed by a role attribute."""
    return element.is_html and element.tag == tag and explicit_role(page, element) is None


def _is_in_dl(page: Page, element: Element) -> bool:
    parent = element.parent
    if parent is None:
        return False
    if _is_plain(page, parent, "dl"):
        return True
    grandparent = parent.parent
    return (
        _is_plain(page, parent, "div")
        and grandparent is not None
        and _is_plain(page, grandparent, "dl")
    )


class Dlitem(Rule):
    """dt and dd elements must be contained by a dl.

    ## What it checks
    Every HTML `<dt>` and `<dd>` in the accessibility tree, without a `role` attribute, has
    a `<dl>` parent, or a `<div>` parent whose parent is a `<dl>` (HTML's grouping of a term
    with its descriptions). A `dl` or `div` whose role was changed does not count.

    ## Why it matters
    Outside a `dl`, terms and descriptions are not exposed as a list of definitions: screen
    readers cannot tell which description belongs to which term (WCAG 1.3.1).

    ## Fails
        <div><dt>Tea</dt><dd>A drink</dd></div>
        <dl role="list"><dt>Tea</dt></dl>

    ## Passes
        <dl><dt>Tea</dt><dd>A drink</dd></dl>
        <dl><div><dt>Tea</dt><dd>A drink</dd></div></dl>

    ## Limitations
    Elements moved into a list by `aria-owns` are judged by their DOM parent.
    """

    meta = RuleMeta(
        id="dlitem",
        name="Terms and descriptions (dt, dd) are inside a dl",
        wcag=("1.3.1",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed dt/dd elements without a role attribute, in document order."""
        items = [*page.by_tag("dt"), *page.by_tag("dd")]
        items.sort(key=lambda element: element.order)
        for element in items:
            if (
                element.is_html
                and explicit_role(page, element) is None
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The parent is a dl, or a div in a dl."""
        if _is_in_dl(page, target):
            return Verdict(IN_DL)
        parent = target.parent
        where = describe(parent) if parent is not None else "the document"
        return Verdict(OUTSIDE_DL, f"<{target.tag}> in {where}")
