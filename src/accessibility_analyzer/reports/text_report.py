"""Plain text for people (``a11y check``'s default): problems by page and rule, then totals.

Each page with failures or findings to review is a block of ``path:line:column`` lines
grouped by rule; a page that could not be analysed says why; the last line counts pages,
rules and findings. Passed and inapplicable findings are counted, never listed.

Everything quoted from a page (paths, messages quoting attribute values, selectors) has its
control characters escaped: a checked page must not drive the terminal of whoever reads this.
"""

from __future__ import annotations

from collections import Counter

from accessibility_analyzer.engine.result import DocumentResult, Finding, Outcome
from accessibility_analyzer.reports._text import printable
from accessibility_analyzer.reports.writer import (
    PROBLEM_OUTCOMES,
    ReportHeader,
    ReportWriter,
    Suggestions,
)


class TextWriter(ReportWriter):
    """The plain text report, a page block at a time."""

    def __init__(self, *, include_passed: bool = False) -> None:
        """See :class:`ReportWriter` (the text lists problems only)."""
        super().__init__(include_passed=include_passed)
        self._rule_names: dict[str, str] = {}
        self._rule_count = 0
        self._pages = 0
        self._totals: Counter[Outcome] = Counter()

    def start(self, header: ReportHeader) -> bytes:
        """Nothing is printed before the first page; the rules' names are kept."""
        self._rule_names = {rule.id: rule.name for rule in header.rules}
        self._rule_count = len(header.rules)
        return b""

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """The page's error line and its problems grouped by rule."""
        del suggestions
        self._pages += 1
        self._totals.update(finding.outcome for finding in document.findings)
        by_rule: dict[str, list[Finding]] = {}
        for finding in document.findings:
            if finding.outcome in PROBLEM_OUTCOMES:
                by_rule.setdefault(finding.rule_id, []).append(finding)
        lines: list[str] = []
        path = printable(document.path)
        if document.error:
            lines.append(f"{path}: error: {printable(document.error)}\n")
        if by_rule:
            lines.append(f"{path}\n")
            for rule_id in sorted(by_rule):
                lines.append(f"  {rule_id}: {self._rule_names.get(rule_id, '')}\n")
                lines.extend(finding_line(path, f) for f in by_rule[rule_id])
            lines.append("\n")
        return "".join(lines).encode("utf-8", "replace")  # a lone surrogate becomes ?

    def finish(self) -> bytes:
        """The totals line."""
        totals = self._totals
        return (
            f"{self._pages} page(s) checked with {self._rule_count} rule(s): "
            f"{totals[Outcome.FAILED]} failed, {totals[Outcome.CANT_TELL]} need review, "
            f"{totals[Outcome.PASSED]} passed\n"
        ).encode()


def finding_line(path: str, finding: Finding) -> str:
    """One problem: where, FAIL or REVIEW, impact, message (and reason), selector, fix.

    ``path`` is already :func:`printable`; the finding's texts are made so here.
    """
    where = f"{path}:{finding.line or 0}:{finding.column or 0}"
    label = "FAIL" if finding.outcome is Outcome.FAILED else "REVIEW"
    text = f"    {where} {label} [{finding.impact.value}] {printable(finding.message)}"
    if finding.reason:
        text += f" ({printable(finding.reason)})"
    text += f"\n      {printable(finding.selector or '')}\n"
    if finding.fix_hint and finding.outcome is Outcome.FAILED:
        text += f"      fix: {printable(finding.fix_hint)}\n"
    return text
