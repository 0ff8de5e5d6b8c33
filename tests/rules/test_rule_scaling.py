"""Rules cost time linear in the page: long tables and long runs of sibling links are common
(listings, tag clouds, link directories)."""

from __future__ import annotations

import time

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.result import Outcome
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules import select_rules

_TABLE_RULES = select_rules(ids=["td-has-header", "th-has-data-cells"])


def _table_page(rows: int) -> bytes:
    body = "".join(
        f"<tr><th>Item {i}</th><td><a href='p{i}.html'>open {i}</a></td><td>text {i}</td></tr>"
        for i in range(rows)
    )
    return (
        "<!doctype html><html lang=en><title>t</title><main><table>"
        "<tr><th>Name</th><th>Link</th><th>Note</th><th>Empty</th></tr>"
        f"{body}</table></main></html>"
    ).encode()


def _cpu_seconds(source: bytes, rules: tuple[type[Rule], ...] = _TABLE_RULES) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        analyze_document(source, path="t.html", rules=rules)
        best = min(best, time.process_time() - start)
    return best


def test_table_rules_outcomes_on_a_long_table() -> None:
    """Every data cell has its headers; the header of the empty column has no data cell."""
    result = analyze_document(_table_page(50), path="t.html", rules=_TABLE_RULES)
    outcomes = {(f.rule_id, f.outcome) for f in result.findings}
    assert ("td-has-header", Outcome.PASSED) in outcomes
    assert ("td-has-header", Outcome.FAILED) not in outcomes
    failed = [f for f in result.findings if f.outcome is Outcome.FAILED]
    assert [(f.rule_id, f.selector) for f in failed] == [
        (
            "th-has-data-cells",
            "html > body > main > table > tbody > tr:nth-of-type(1) > th:nth-of-type(4)",
        )
    ]


def test_table_rules_are_linear_in_the_rows() -> None:
    """Eight times the rows costs about eight times the CPU, not sixty-four (each cell used
    to scan every cell of its table for its headers: 9,000 rows took 26 s, 18,000 142 s)."""
    small = _cpu_seconds(_table_page(300))
    large = _cpu_seconds(_table_page(2400))
    assert large / small < 24, (small, large)


def _links_page(links: int) -> bytes:
    body = "".join(
        f'<a href="p{i}.html">link {i}</a>' + (" and " if i % 3 else "<br>") for i in range(links)
    )
    return (
        f"<!doctype html><html lang=en><title>t</title><main><h1>x</h1><p>{body}</p></main></html>"
    ).encode()


def test_target_size_is_linear_in_sibling_links() -> None:
    """Each link's inline-in-text exception used to scan all its siblings (4,000 links in
    one paragraph: 21 s of the rule alone)."""
    rules = select_rules(ids=["target-size"])
    small = _cpu_seconds(_links_page(300), rules)
    large = _cpu_seconds(_links_page(2400), rules)
    assert large / small < 24, (small, large)


def test_target_size_inline_exception_follows_lines() -> None:
    """Links on a line with text are exempt; a link alone on its line (after a <br>) is not."""
    page = (
        b"<!doctype html><html lang=en><title>t</title><main><h1>x</h1><p>"
        b'See <a href="a.html">this</a><br><a href="b.html">alone</a><br>and '
        b'<a href="c.html">that</a> too</p></main></html>'
    )
    result = analyze_document(page, path="t.html", rules=select_rules(ids=["target-size"]))
    assert [(f.snippet, f.outcome) for f in result.findings] == [
        ('<a href="b.html">', Outcome.CANT_TELL)
    ]
