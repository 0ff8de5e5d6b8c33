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
    DocumentResult,
    Finding,
    Impact,
    Outcome,
    OutcomeCounts,
    RuleInfo,
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


class SummaryCounter:
    """Counts pages one at a time into a :class:`ReportSummary` (what streaming writers use).

    Findings are grouped by (rule, outcome, impact, criteria), which a large analysis repeats
    thousands of times, so memory grows with the distinct groups, not with the findings, and
    the per-group work (principles, dictionaries) runs once per group in :meth:`summary`.
    """

    def __init__(self, rules: Iterable[RuleInfo] = ()) -> None:
        """Start empty; ``rules`` are listed in ``byRule`` even when they find nothing."""
        self._rule_ids = [rule.id for rule in rules]
        self._groups: Counter[tuple[str, Outcome, Impact, tuple[str, ...]]] = Counter()
        self._documents = 0
        self._documents_with_errors = 0

    def add(self, document: DocumentResult) -> None:
        """Count one page and its findings."""
        self._documents += 1
        if document.error:
            self._documents_with_errors += 1
        self._groups.update(
            (finding.rule_id, finding.outcome, finding.impact, finding.wcag)
            for finding in document.findings
        )

    def add_group(
        self, rule_id: str, outcome: Outcome, impact: Impact, wcag: tuple[str, ...], count: int
    ) -> None:
        """Count ``count`` findings of one (rule, outcome, impact, criteria) group at once
        (a summary counted elsewhere, for example in SQL)."""
        self._groups[(rule_id, outcome, impact, wcag)] += count

    def add_pages(self, pages: int, with_errors: int) -> None:
        """Count pages without their findings (which come through :meth:`add_group`)."""
        self._documents += pages
        self._documents_with_errors += with_errors

    def summary(self) -> ReportSummary:
        """The counts so far; every impact level and principle is present (with zeros)."""
        by_outcome = OutcomeCounts()
        by_impact = {impact: ImpactCounts() for impact in Impact}
        by_rule = {rule_id: OutcomeCounts() for rule_id in self._rule_ids}
        by_principle = {principle: OutcomeCounts() for principle in Principle}
        for (rule_id, outcome, impact, wcag), count in self._groups.items():
            _tally(by_outcome, outcome, count)
            if outcome == Outcome.FAILED:
                by_impact[impact].failed += count
            elif outcome == Outcome.CANT_TELL:
                by_impact[impact].cant_tell += count
            _tally(by_rule.setdefault(rule_id, OutcomeCounts()), outcome, count)
            for principle in principles_of(wcag):
                _tally(by_principle[principle], outcome, count)
        return ReportSummary(
            documents=self._documents,
            documents_with_errors=self._documents_with_errors,
            findings=self._groups.total(),
            by_outcome=by_outcome,
            by_impact=by_impact,
            by_rule=dict(sorted(by_rule.items())),
            by_principle=by_principle,
        )


def summarize(result: AnalysisResult) -> ReportSummary:
    """Count the findings of an analysis result.

    Args:
        result: the engine's result.

    Returns:
        The counts; every impact level and principle is present (with zeros), rules only
        when they have findings or are listed in ``result.rules``.
    """
    counter = SummaryCounter(result.rules)
    for document in result.documents:
        counter.add(document)
    return counter.summary()


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
