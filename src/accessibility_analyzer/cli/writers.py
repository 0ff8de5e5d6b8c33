"""How `a11y check` writes its results: one page at a time, as pages finish.

Every writer takes pages through :meth:`PageWriter.page` and completes the output in
:meth:`PageWriter.close`; none keeps a page after writing it, so output of any size needs the
memory of one page. ``json`` is one valid document written piece by piece
(``{"documents": [...], "rules": [...]}``), ``jsonl`` one page object a line with the same
fields, ``text`` groups failures and items to review by page and rule.

The report formats (``html``, ``sarif``, ``csv``, ``earl``) are the service's renderers.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Protocol, TextIO

import msgspec

from accessibility_analyzer import __version__
from accessibility_analyzer.cli.checked_page import CheckedPage
from accessibility_analyzer.engine.result import (
    AnalysisResult,
    DocumentResult,
    Finding,
    Outcome,
    RuleInfo,
)

FORMATS = ("text", "json", "jsonl", "html", "sarif", "csv", "earl")
KEEP_ALL_FORMATS = frozenset({"html", "sarif", "csv", "earl"})
"""Formats given every outcome whatever ``--include-passed`` says (EARL: ACT reports need
them; html, sarif and csv: their summaries count every finding)."""

_SHOWN = (Outcome.FAILED, Outcome.CANT_TELL)
_ENCODER = msgspec.json.Encoder()


class PageWriter(Protocol):
    """Writes a result page by page."""

    def page(self, page: CheckedPage) -> None:
        """Write one page (in the order pages should appear)."""

    def close(self) -> None:
        """Write what ends the output (totals, closing brackets); flush."""


class JsonWriter:
    """``{"documents": [page, ...], "rules": [...]}``, written as pages come."""

    def __init__(self, stream: TextIO, rules: list[RuleInfo]) -> None:
        self.stream = stream
        self.rules = rules
        self._first = True
        stream.write('{"documents":[')

    def page(self, page: CheckedPage) -> None:
        """Append one page object."""
        if not self._first:
            self.stream.write(",")
        self._first = False
        self.stream.write(_ENCODER.encode(page).decode())

    def close(self) -> None:
        """Close the documents list and add the rules."""
        self.stream.write('],"rules":')
        self.stream.write(_ENCODER.encode(self.rules).decode())
        self.stream.write("}\n")
        self.stream.flush()


class JsonLinesWriter:
    """One page object per line, the same fields as ``json``'s documents."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def page(self, page: CheckedPage) -> None:
        """Write one line."""
        self.stream.write(_ENCODER.encode(page).decode())
        self.stream.write("\n")

    def close(self) -> None:
        """Nothing follows the last line."""
        self.stream.flush()


class TextWriter:
    """Failures and needs-review items grouped by page and rule, as ``file:line:col``."""

    def __init__(self, stream: TextIO, rules: list[RuleInfo]) -> None:
        self.stream = stream
        self.rules = rules
        self.names = {rule.id: rule.name for rule in rules}
        self.pages = 0
        self.totals: dict[Outcome, int] = defaultdict(int)

    def page(self, page: CheckedPage) -> None:
        """Write the page's failures and items to review."""
        self.pages += 1
        self.totals[Outcome.PASSED] += page.counts.passed
        self.totals[Outcome.FAILED] += page.counts.failed
        self.totals[Outcome.CANT_TELL] += page.counts.cant_tell
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for finding in page.findings:
            if finding.outcome in _SHOWN:
                by_rule[finding.rule_id].append(finding)
        if page.error:
            self.stream.write(f"{page.path}: error: {page.error}\n")
        if not by_rule:
            return
        lines = [f"{page.path}\n"]
        for rule_id in sorted(by_rule):
            lines.append(f"  {rule_id}: {self.names.get(rule_id, '')}\n")
            lines.extend(_finding_line(page.path, finding) for finding in by_rule[rule_id])
        lines.append("\n")
        self.stream.write("".join(lines))

    def close(self) -> None:
        """Write the totals line."""
        self.stream.write(
            f"{self.pages} page(s) checked with {len(self.rules)} rule(s): "
            f"{self.totals[Outcome.FAILED]} failed, {self.totals[Outcome.CANT_TELL]} need "
            f"review, {self.totals[Outcome.PASSED]} passed\n"
        )
        self.stream.flush()


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


class ReportWriter:
    """A service report format (html, sarif, csv, earl), rendered when the last page is in."""

    def __init__(
        self, stream: TextIO, fmt: str, rules: list[RuleInfo], started_at: datetime
    ) -> None:
        self.stream = stream
        self.fmt = fmt
        self.rules = rules
        self.started_at = started_at
        self.documents: list[DocumentResult] = []

    def page(self, page: CheckedPage) -> None:
        """Keep the page for the report."""
        self.documents.append(page.document())

    def close(self) -> None:
        """Render the report."""
        from accessibility_analyzer.reports import (  # noqa: PLC0415 - only these formats
            ReportContext,
            ReportFormat,
            render,
        )

        # A CLI run is its own analysis and session: ids are fresh, so reports stay unambiguous.
        run_id = uuid.uuid4().hex
        context = ReportContext(
            analysis_id=run_id,
            session_id=run_id,
            tool_version=__version__,
            created_at=self.started_at,
            finished_at=datetime.now(UTC),
        )
        result = AnalysisResult(documents=self.documents, rules=self.rules)
        self.stream.write(render(ReportFormat(self.fmt), result, context).body.decode("utf-8"))
        self.stream.flush()


def open_writer(
    fmt: str, stream: TextIO, rules: list[RuleInfo], *, started_at: datetime
) -> PageWriter:
    """The writer for ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        return TextWriter(stream, rules)
    if fmt == "json":
        return JsonWriter(stream, rules)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    return ReportWriter(stream, fmt, rules, started_at)
