"""How `a11y check` prints a result: text for people, JSON and report formats for tools.

``json`` is the engine's own result shape; ``html``, ``sarif``, ``csv`` and ``earl`` are the
same reports the service renders for an analysis.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import TextIO

import msgspec

from accessibility_analyzer import __version__
from accessibility_analyzer.engine.result import AnalysisResult, Finding, Outcome
from accessibility_analyzer.reports import ReportContext, ReportFormat, render

FORMATS = ("text", "json", "html", "sarif", "csv", "earl")

_SHOWN = (Outcome.FAILED, Outcome.CANT_TELL)


def write_result(
    result: AnalysisResult, fmt: str, stream: TextIO, *, started_at: datetime | None = None
) -> None:
    """Write ``result`` in format ``fmt`` to ``stream``."""
    if fmt == "text":
        write_text(result, stream)
        return
    if fmt == "json":
        stream.write(msgspec.json.encode(result).decode())
        stream.write("\n")
        return
    now = datetime.now(UTC)
    # A CLI run is its own analysis and session: ids are fresh, so reports stay unambiguous.
    run_id = uuid.uuid4().hex
    context = ReportContext(
        analysis_id=run_id,
        session_id=run_id,
        tool_version=__version__,
        created_at=started_at or now,
        finished_at=now,
    )
    stream.write(render(ReportFormat(fmt), result, context).body.decode("utf-8"))


def write_text(result: AnalysisResult, stream: TextIO) -> None:
    """Failures and needs-review items grouped by page and rule, as ``file:line:col``."""
    names = {rule.id: rule.name for rule in result.rules}
    totals: dict[Outcome, int] = defaultdict(int)
    for document in result.documents:
        for finding in document.findings:
            totals[finding.outcome] += 1
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for finding in document.findings:
            if finding.outcome in _SHOWN:
                by_rule[finding.rule_id].append(finding)
        if document.error:
            stream.write(f"{document.path}: error: {document.error}\n")
        if not by_rule:
            continue
        stream.write(f"{document.path}\n")
        for rule_id in sorted(by_rule):
            findings = by_rule[rule_id]
            stream.write(f"  {rule_id}: {names.get(rule_id, '')}\n")
            for finding in findings:
                stream.write(_finding_line(document.path, finding))
        stream.write("\n")
    stream.write(
        f"{len(result.documents)} page(s) checked with {len(result.rules)} rule(s): "
        f"{totals[Outcome.FAILED]} failed, {totals[Outcome.CANT_TELL]} need review, "
        f"{totals[Outcome.PASSED]} passed\n"
    )


def _finding_line(path: str, finding: Finding) -> str:
    where = f"{path}:{finding.line or 0}:{finding.column or 0}"
    label = "FAIL" if finding.outcome is Outcome.FAILED else "REVIEW"
    text = f"    {where} {label} [{finding.impact.value}] {finding.message}"
    if finding.reason:
        text += f" ({finding.reason})"
    text += f"\n      {finding.selector or ''}\n"
    if finding.fix_hint and finding.outcome is Outcome.FAILED:
        text += f"      fix: {finding.fix_hint}\n"
    return text
