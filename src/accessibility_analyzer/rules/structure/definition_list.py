"""definition-list: dl elements hold only dt/dd groups (and script/template)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import explicit_role, is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import listing

WELL_FORMED = Diagnostic.passed("The dl holds only dt/dd groups")
MALFORMED = Diagnostic.failed(
    "A dl must only directly contain properly ordered dt and dd groups, div, script or template",
    fix_hint="Move other content out of the dl, put each dt before its dd, wrap groups in div.",
)

_SUPPORTING = frozenset({"script", "template"})
_ITEMS = frozenset({"dt", "dd"})


def _group_problems(children: list[Element | Text], *, in_div: bool) -> list[str]:
    """What is wrong with a run of dl (or dl > div) children: stray text or elements, a dd
    with no dt before it."""
    problems: list[str] = []
    seen_dt = False
    for child in children:
        if isinstance(child, Text):
            if child.data.strip():
                problems.append("text")
            continue
        tag = child.tag if child.is_html else f"{child.tag} (not HTML)"
        if tag in _SUPPORTING:
            continue
        if tag == "dt":
            seen_dt = True
        elif tag == "dd":
            if not seen_dt:
                problems.append("dd before any dt")
        elif tag == "div" and not in_div:
            problems.extend(_group_problems(list(child.children), in_div=True))
        else:
            problems.append(f"<{tag}>")
    return problems


def _children(element: Element) -> list[Element | Text]:
    return [child for child in element.children if isinstance(child, Element | Text)]


class DefinitionList(Rule):
    """dl elements must only directly contain properly-ordered dt and dd groups.

    ## What it checks
    Every HTML `<dl>` in the accessibility tree, without a `role` attribute, has as children
    only `<dt>` and `<dd>` elements (each `dd` after some `dt`), `<div>` elements that group
    them the same way, `<script>` and `<template>`, and no text.

    ## Why it matters
    Assistive technology exposes a `dl` as a list of terms and descriptions; stray content
    breaks the pairs and the counts screen readers announce (WCAG 1.3.1).

    ## Fails
        <dl><p>Terms</p><dt>Tea</dt><dd>A drink</dd></dl>
        <dl><dd>A drink</dd><dt>Tea</dt></dl>

    ## Passes
        <dl><dt>Tea</dt><dd>A drink</dd></dl>
        <dl><div><dt>Tea</dt><dd>A drink</dd></div></dl>

    ## Limitations
    Comments and whitespace are ignored; the order is checked within each `div` group and
    over the `dl`'s direct children.
    """

    meta = RuleMeta(
        id="definition-list",
        name="Definition lists hold only dt and dd groups",
        wcag=("1.3.1",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML dl elements without a role attribute."""
        for element in page.by_tag("dl"):
            if (
                element.is_html
                and explicit_role(page, element) is None
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No stray children, no dd before a dt."""
        problems = _group_problems(_children(target), in_div=False)
        if problems:
            return Verdict(MALFORMED, f"the dl holds {listing(problems)}")
        return Verdict(WELL_FORMED)
