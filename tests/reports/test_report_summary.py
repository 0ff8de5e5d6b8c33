"""Summary counts: by outcome, impact, rule and WCAG principle."""

from __future__ import annotations

from typing import Any

from accessibility_analyzer.engine.result import AnalysisResult, Impact, Outcome, OutcomeCounts
from accessibility_analyzer.engine.standards.wcag import SUCCESS_CRITERIA
from accessibility_analyzer.reports import summarize
from accessibility_analyzer.reports._wcag import (
    ANCHORS,
    CRITERIA,
    Principle,
    describe,
    principle_of,
)
from accessibility_analyzer.reports.summary import ImpactCounts, count_outcomes


def test_edge_result_counts(edge_result: AnalysisResult) -> None:
    """Hand-counted totals of the edge-case result."""
    summary = summarize(edge_result)
    assert summary.documents == 4
    assert summary.documents_with_errors == 1
    assert summary.findings == 7
    assert summary.by_outcome == OutcomeCounts(passed=1, failed=4, cant_tell=1, inapplicable=1)
    assert summary.by_impact == {
        Impact.CRITICAL: ImpactCounts(failed=2, cant_tell=0),
        Impact.SERIOUS: ImpactCounts(failed=0, cant_tell=1),
        Impact.MODERATE: ImpactCounts(failed=1, cant_tell=0),
        Impact.MINOR: ImpactCounts(failed=1, cant_tell=0),
    }
    assert summary.by_rule == {
        "button-name": OutcomeCounts(failed=1, inapplicable=1),
        "color-contrast": OutcomeCounts(cant_tell=1),
        "image-alt": OutcomeCounts(passed=1, failed=2),
        "region": OutcomeCounts(failed=1),
    }


def test_principles_count_each_finding_once_per_principle(finding: Any, result_of: Any) -> None:
    """A finding under 1.3.1 and 4.1.2 counts once for Perceivable and once for Robust."""
    result = result_of(
        finding(wcag=("4.1.2", "1.3.1", "1.1.1")),
        finding(wcag=(), outcome=Outcome.CANT_TELL),
        finding(wcag=("2.4.7",), outcome=Outcome.PASSED),
    )
    by_principle = summarize(result).by_principle
    assert by_principle[Principle.PERCEIVABLE] == OutcomeCounts(failed=1)
    assert by_principle[Principle.ROBUST] == OutcomeCounts(failed=1)
    assert by_principle[Principle.OPERABLE] == OutcomeCounts(passed=1)
    assert by_principle[Principle.UNDERSTANDABLE] == OutcomeCounts()
    assert by_principle[Principle.BEST_PRACTICE] == OutcomeCounts(cant_tell=1)


def test_totals_agree_on_random_results(factory_results: list[AnalysisResult]) -> None:
    """Outcome totals add up to the number of findings; rules cover every finding."""
    for result in factory_results:
        summary = summarize(result)
        outcome_total = (
            summary.by_outcome.passed
            + summary.by_outcome.failed
            + summary.by_outcome.cant_tell
            + summary.by_outcome.inapplicable
        )
        assert outcome_total == summary.findings
        assert sum(c.failed for c in summary.by_impact.values()) == summary.by_outcome.failed
        assert sum(c.failed for c in summary.by_rule.values()) == summary.by_outcome.failed
        assert {rule.id for rule in result.rules} <= set(summary.by_rule)


def test_count_outcomes_of_one_page(edge_result: AnalysisResult) -> None:
    """Per-page counts match what the engine states in DocumentResult.counts."""
    for document in edge_result.documents:
        assert count_outcomes(document.findings) == document.counts


def test_empty_result(empty_result: AnalysisResult) -> None:
    """No pages: zero everywhere, every impact and principle still present."""
    summary = summarize(empty_result)
    assert summary.findings == 0
    assert set(summary.by_impact) == set(Impact)
    assert set(summary.by_principle) == set(Principle)
    assert summary.by_rule == {}


def test_wcag_table() -> None:
    """Every criterion of the engine's WCAG 2.2 table has an anchor id, and no more."""
    assert set(ANCHORS) == set(SUCCESS_CRITERIA) == set(CRITERIA)
    assert len(CRITERIA) == 87
    assert CRITERIA["2.5.8"].id == "target-size-minimum"
    assert CRITERIA["1.4.3"].level == "AA"
    assert describe("4.1.2") == "4.1.2 Name, Role, Value (A)"
    assert describe("9.9.9") == "9.9.9"
    assert principle_of("3.3.8") is Principle.UNDERSTANDABLE
    assert principle_of("wcag2a") is Principle.BEST_PRACTICE
    for number, criterion in CRITERIA.items():
        assert criterion.number == number
        assert criterion.principle is principle_of(number)
        assert number.startswith(str(list(Principle).index(criterion.principle) + 1))
