"""Counting an analysis result: by outcome, impact, rule and WCAG principle.

Every report states the same summary, so it is computed once here. A job may compute it
when the analysis completes, store it, and pass it back in the report context.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import msgspec

from accessibility_analyzer.engine.result import (
    AnalysisResult,
    Finding,
    Impact,
    Outcome,
    OutcomeCounts,
)
from accessibility_analyzer.reports._wcag import Principle, principles_of


class ImpactCounts(msgspec.Struct, kw_only=True, rename="camel"):
    """Problems of one impact level: failures and findings that need a person's review."""

    failed: int = 0
    cant_tell: int = 0


class ReportSummary(msgspec.Struct, kw_only=True, rename="camel"):
    """What an analysis found, counted.

    Attributes:
        documents: pages in the result.
        documents_with_errors: pages that could not be analysed at all.
        findings: all findings (every outcome).
        by_outcome: findings per outcome.
        by_impact: failed and cantTell findings per impact, most severe first (``passed`` and
            ``inapplicable`` findings carry their rule's impact but are no problem).
        by_rule: findings per outcome for each rule id, in rule id order.
        by_principle: findings per outcome for each WCAG principle, in WCAG order; a finding
            whose criteria span two principles counts in both, one without criteria counts
            under ``bestPractice``.
    """

    documents: int
    documents_with_errors: int
    findings: int
    by_outcome: OutcomeCounts
    by_impact: dict[Impact, ImpactCounts]
    by_rule: dict[str, OutcomeCounts]
    by_principle: dict[Principle, OutcomeCounts]


def summarize(result: AnalysisResult) -> ReportSummary:
    """Count the findings of an analysis result.

    Findings are first grouped by (rule, outcome, impact, criteria), which a large analysis
    repeats thousands of times, so the per-group work (principles, dictionaries) runs once
    per distinct group instead of once per finding.

    Args:
        result: the engine's result.

    Returns:
        The counts; every impact level and principle is present (with zeros), rules only
        when they have findings or are listed in ``result.rules``.
    """
    groups = Counter(
        (finding.rule_id, finding.outcome, finding.impact, finding.wcag)
        for document in result.documents
        for finding in document.findings
    )
    by_outcome = OutcomeCounts()
    by_impact = {impact: ImpactCounts() for impact in Impact}
    by_rule = {rule.id: OutcomeCounts() for rule in result.rules}
    by_principle = {principle: OutcomeCounts() for principle in Principle}
    for (rule_id, outcome, impact, wcag), count in groups.items():
        _tally(by_outcome, outcome, count)
        if outcome == Outcome.FAILED:
            by_impact[impact].failed += count
        elif outcome == Outcome.CANT_TELL:
            by_impact[impact].cant_tell += count
        _tally(by_rule.setdefault(rule_id, OutcomeCounts()), outcome, count)
        for principle in principles_of(wcag):
            _tally(by_principle[principle], outcome, count)
    return ReportSummary(
        documents=len(result.documents),
        documents_with_errors=sum(1 for document in result.documents if document.error),
        findings=groups.total(),
        by_outcome=by_outcome,
        by_impact=by_impact,
        by_rule=dict(sorted(by_rule.items())),
        by_principle=by_principle,
    )


def count_outcomes(findings: Iterable[Finding]) -> OutcomeCounts:
    """Findings per outcome (as ``DocumentResult.counts`` states them for one page)."""
    counts = OutcomeCounts()
    for finding in findings:
        _tally(counts, finding.outcome)
    return counts


def _tally(counts: OutcomeCounts, outcome: Outcome, count: int = 1) -> None:
    if outcome == Outcome.PASSED:
        counts.passed += count
    elif outcome == Outcome.FAILED:
        counts.failed += count
    elif outcome == Outcome.CANT_TELL:
        counts.cant_tell += count
    else:
        counts.inapplicable += count
