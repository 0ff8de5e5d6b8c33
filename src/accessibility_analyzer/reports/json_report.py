"""JSON and JSON Lines reports, written one page at a time.

The JSON report is one object: ``reportVersion``, ``tool``, ``session``, ``analysis``,
``includesPassed``, ``rules``, then ``documents`` (written as the pages come) and last the
``summary`` (counted on the way, or the one the context carries). JSON Lines is one page
object per line, exactly the entries of the JSON report's ``documents``.

A page object is the engine's :class:`~accessibility_analyzer.engine.result.DocumentResult`
(``path``, ``title``, ``counts``, ``error``, ``findings``) plus ``ruleCounts``: per rule, the
page's findings per outcome. By default ``findings`` lists only failed and cantTell findings
(94% of a real site's findings are passes, which ``counts`` and ``ruleCounts`` still count);
``include_passed`` lists every finding. Each finding is the engine's
:class:`~accessibility_analyzer.engine.result.Finding` plus ``semiAuto`` (``mode`` is
``semiAuto``: an oracle's answer decided it), and may carry a ``suggestion`` object (issue 8).
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from accessibility_analyzer.engine.result import (
    DocumentResult,
    Finding,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.reports._text import encode_json
from accessibility_analyzer.reports.summary import ReportSummary, SummaryCounter, count_outcomes
from accessibility_analyzer.reports.writer import (
    ReportHeader,
    ReportWriter,
    Suggestions,
    listed,
)

JSON_REPORT_VERSION = 2
"""Bumped when a field changes meaning or goes away (new fields do not bump it). Version 2:
``findings`` holds only failed and cantTell findings unless ``includesPassed``."""


class ToolInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The analyzer that produced the findings."""

    name: str
    version: str


class SessionInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The session the pages were uploaded into."""

    id: str


class AnalysisInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The analysis this report is about."""

    id: str
    created_at: datetime
    finished_at: datetime | None


class JsonDocument(msgspec.Struct, kw_only=True, rename="camel"):
    """One page of the report (a line of JSON Lines); reads back with ``msgspec``."""

    path: str
    title: str | None
    counts: OutcomeCounts
    error: str | None = None
    rule_counts: dict[str, OutcomeCounts] = msgspec.field(default_factory=dict)
    findings: list[Finding] = msgspec.field(default_factory=list)


class JsonReport(msgspec.Struct, kw_only=True, rename="camel"):
    """The whole JSON report; ``msgspec.json.decode(body, type=JsonReport)`` reads one back."""

    report_version: int
    tool: ToolInfo
    session: SessionInfo
    analysis: AnalysisInfo
    includes_passed: bool
    rules: list[RuleInfo]
    documents: list[JsonDocument]
    summary: ReportSummary


class _DocumentHead(msgspec.Struct, kw_only=True, rename="camel"):
    """A page object without its findings (spliced in after, one finding at a time)."""

    path: str
    title: str | None
    counts: OutcomeCounts
    error: str | None
    rule_counts: dict[str, OutcomeCounts]


def rule_counts(findings: list[Finding]) -> dict[str, OutcomeCounts]:
    """A page's findings per rule and outcome, in rule id order."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    return {rule_id: count_outcomes(by_rule[rule_id]) for rule_id in sorted(by_rule)}


def encode_document(
    document: DocumentResult, *, include_passed: bool, suggestions: Suggestions | None = None
) -> bytes:
    """One page object as JSON bytes (no trailing newline)."""
    head = encode_json(
        _DocumentHead(
            path=document.path,
            title=document.title,
            counts=document.counts,
            error=document.error,
            rule_counts=rule_counts(document.findings),
        )
    )
    findings = [
        _encode_finding(finding, suggestions.get(index) if suggestions else None)
        for index, finding in enumerate(document.findings)
        if listed(finding, include_passed)
    ]
    return b"".join((head[:-1], b',"findings":[', b",".join(findings), b"]}"))


_SEMI_AUTO = {True: b',"semiAuto":true', False: b',"semiAuto":false'}


def _encode_finding(finding: Finding, suggestion: object) -> bytes:
    """The engine's finding plus ``semiAuto`` (derived from ``mode``) and a suggestion."""
    encoded = encode_json(finding)
    parts = [encoded[:-1], _SEMI_AUTO[finding.semi_auto]]
    if suggestion is not None:
        parts += [b',"suggestion":', encode_json(suggestion)]
    parts.append(b"}")
    return b"".join(parts)


class JsonWriter(ReportWriter):
    """The JSON report, one valid JSON document written incrementally."""

    def __init__(self, *, include_passed: bool = False) -> None:
        """See :class:`ReportWriter`."""
        super().__init__(include_passed=include_passed)
        self._counter = SummaryCounter()
        self._stored_summary: ReportSummary | None = None
        self._first = True

    def start(self, header: ReportHeader) -> bytes:
        """Everything before the pages: metadata and rules."""
        context = header.context
        self._counter = SummaryCounter(header.rules)
        self._stored_summary = context.summary
        head = encode_json(
            {
                "reportVersion": JSON_REPORT_VERSION,
                "tool": ToolInfo(name=context.tool_name, version=context.tool_version),
                "session": SessionInfo(id=context.session_id),
                "analysis": AnalysisInfo(
                    id=context.analysis_id,
                    created_at=context.created_at,
                    finished_at=context.finished_at,
                ),
                "includesPassed": self.include_passed,
                "rules": list(header.rules),
            }
        )
        return head[:-1] + b',"documents":['

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """One entry of ``documents``."""
        self._counter.add(document)
        separator = b"" if self._first else b","
        self._first = False
        return separator + encode_document(
            document, include_passed=self.include_passed, suggestions=suggestions
        )

    def finish(self) -> bytes:
        """The summary (a stored one as given, else counted) and the closing brackets."""
        summary = self._stored_summary or self._counter.summary()
        return b'],"summary":' + encode_json(summary) + b"}"


class JsonLinesWriter(ReportWriter):
    """JSON Lines: one page object per line, nothing before or after."""

    def start(self, header: ReportHeader) -> bytes:
        """Nothing: the format has no header line."""
        del header
        return b""

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """The page object and a line feed."""
        return (
            encode_document(document, include_passed=self.include_passed, suggestions=suggestions)
            + b"\n"
        )

    def finish(self) -> bytes:
        """Nothing: the format has no footer line."""
        return b""
