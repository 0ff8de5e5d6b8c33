"""CSV report: one row per finding, parsed back with the csv module, formulas neutralised."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from accessibility_analyzer.engine.result import AnalysisResult
from accessibility_analyzer.reports import ReportContext, ReportFormat, render
from accessibility_analyzer.reports.csv_report import (
    CSV_COLUMNS,
    finding_row,
    neutralise_formula,
)


def parse(result: AnalysisResult, context: ReportContext) -> list[dict[str, str]]:
    """Render a CSV report and read it back as a spreadsheet importer would."""
    body = render(ReportFormat.CSV, result, context).body
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark for spreadsheets
    reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def unguard(cell: str) -> str:
    """Undo the formula guard, to compare a cell with the finding's value."""
    return (
        cell[1:] if cell.startswith("'") and cell[1:2] in {"=", "+", "-", "@", "\t", "\r"} else cell
    )


def test_one_row_per_finding_and_values_round_trip(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Every finding of every outcome is a row whose cells read back as the finding's values."""
    rows = parse(edge_result, context)
    expected = [
        (document.path, finding)
        for document in edge_result.documents
        for finding in document.findings
    ]
    assert len(rows) == len(expected) == 7
    for row, (path, finding) in zip(rows, expected, strict=True):
        cells = [unguard(row[column]) for column in CSV_COLUMNS]
        original = finding_row(path, finding)
        # Only the unwritable control characters of the unicode page differ (scrubbed).
        if "\x00" in finding.message:
            original[CSV_COLUMNS.index("message")] = finding.message.replace(
                "\x00", "\ufffd"
            ).replace("\x07", "\ufffd")
        assert cells == original


def test_random_results_round_trip(
    factory_results: list[AnalysisResult], context: ReportContext
) -> None:
    """Random text (commas, quotes, line breaks) survives quoting."""
    for result in factory_results:
        rows = parse(result, context)
        findings = [f for document in result.documents for f in document.findings]
        assert len(rows) == len(findings)
        for row, finding in zip(rows, findings, strict=True):
            assert unguard(row["rule_id"]) == finding.rule_id
            assert row["outcome"] == str(finding.outcome)
            assert row["wcag"] == " ".join(finding.wcag)


def test_multiline_and_unicode_cells(edge_result: AnalysisResult, context: ReportContext) -> None:
    """A snippet with line breaks stays one cell; unicode paths and text are intact."""
    rows = parse(edge_result, context)
    button = next(row for row in rows if row["rule_id"] == "button-name" and row["line"])
    assert button["snippet"] == "<button>\n  <svg></svg>\n</button>"
    assert button["wcag"] == "4.1.2 1.3.1"
    assert button["column"] == ""
    unicode_row = next(row for row in rows if row["path"].startswith("docs/"))
    assert unicode_row["path"] == "docs/über uns/seite 1.html"
    assert "„Straße“ 😀" in unicode_row["message"]
    assert "\x00" not in unicode_row["message"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+SUM(1,2)", "'+SUM(1,2)"),
        ("-1+2", "'-1+2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a = b", "a = b"),
        ("", ""),
        ("12", "12"),
    ],
)
def test_formula_guard(cell: str, expected: str) -> None:
    """Cells a spreadsheet would evaluate get a leading quote; others pass unchanged."""
    assert neutralise_formula(cell) == expected


def test_injection_strings_from_findings_are_guarded(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Messages and hints starting with =, +, -, @ or tab arrive quoted in the CSV."""
    rows = parse(edge_result, context)
    cells = [row[column] for row in rows for column in CSV_COLUMNS]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "'+SUM(1,2) the button has no name" in cells
    assert "'-1 Give the button text or an aria-label." in cells
    assert "'@cmd content outside landmarks" in cells
    assert "'\tMove it into a landmark." in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_empty_result_is_a_header_only(
    empty_result: AnalysisResult, context: ReportContext
) -> None:
    """No findings: the header row and nothing else."""
    assert parse(empty_result, context) == []
    body = render(ReportFormat.CSV, empty_result, context).body
    assert body.decode("utf-8-sig") == ",".join(CSV_COLUMNS) + "\r\n"


def test_csv_ignores_context_metadata(edge_result: AnalysisResult, context: Any) -> None:
    """The CSV is a plain finding list: the same result gives the same bytes for any analysis."""
    other = type(context)(
        analysis_id="other",
        session_id="other",
        tool_version="9.9",
        created_at=context.created_at,
    )
    assert (
        render(ReportFormat.CSV, edge_result, context).body
        == render(ReportFormat.CSV, edge_result, other).body
    )
