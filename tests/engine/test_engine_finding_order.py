"""A rule's findings come in document order, whatever order it yields its targets in."""

from __future__ import annotations

from collections.abc import Iterable

from accessibility_analyzer.engine import (
    Diagnostic,
    Element,
    Impact,
    Oracle,
    Page,
    Rule,
    RuleMeta,
    Verdict,
    analyze_document,
)

SEEN = Diagnostic.passed("Seen")


class BackwardsFields(Rule):
    """Yields text areas before inputs and each tag's elements last first; remembers the
    order it tested them in.

    ## What it checks
    ## Why it matters
    ## Fails
    ## Passes
    ## Limitations
    """

    meta = RuleMeta(id="toy-backwards", name="Toy", wcag=(), act_rules=(),
                    impact=Impact.MINOR, tags=("cat.test",))  # fmt: skip
    tested: list[str] = []  # noqa: RUF012 - the test reads what the rule saw

    def applicability(self, page: Page) -> Iterable[Element]:
        for tag in ("textarea", "input"):
            yield from reversed(page.by_tag(tag))

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        BackwardsFields.tested.append(target.get("name") or "")
        return Verdict(SEEN, target.get("name"))


def test_findings_follow_document_order_but_targets_are_tested_in_the_rule_order() -> None:
    page = b'<input name="a"><textarea name="b"></textarea><input name="c"><textarea name="d">'
    BackwardsFields.tested = []
    result = analyze_document(page, path="p.html", rules=[BackwardsFields])
    assert [finding.reason for finding in result.findings] == ["a", "b", "c", "d"]
    assert BackwardsFields.tested == ["d", "b", "c", "a"]
