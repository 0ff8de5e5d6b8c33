"""Streaming writers: a page at a time, the same report as rendering it whole."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator

import msgspec
import pytest

from accessibility_analyzer.engine.result import (
    AnalysisResult,
    DocumentResult,
    Finding,
    Mode,
    Outcome,
)
from accessibility_analyzer.reports import (
    JsonDocument,
    JsonReport,
    ReportContext,
    ReportFormat,
    ReportHeader,
    iter_report,
    open_writer,
    render,
    summarize,
    write_report,
)


def _header(result: AnalysisResult, context: ReportContext) -> ReportHeader:
    return ReportHeader(context=context, rules=result.rules)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_pages_are_pulled_one_at_a_time(
    fmt: ReportFormat, edge_result: AnalysisResult, context: ReportContext
) -> None:
    """The writer asks for the next page only after handing out the bytes before it."""
    pulled: list[str] = []

    def pages() -> Iterator[DocumentResult]:
        for document in edge_result.documents:
            pulled.append(document.path)
            yield document

    chunks = iter_report(fmt, _header(edge_result, context), pages())
    next(chunks)  # the header: no page read yet
    assert pulled == []
    body = b"".join(chunks)
    assert pulled == [document.path for document in edge_result.documents]
    assert body


@pytest.mark.parametrize(
    "fmt", [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.CSV, ReportFormat.EARL]
)
def test_streamed_equals_rendered(
    fmt: ReportFormat, edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Without page list or stored summary, the streamed report holds the same content."""
    out = io.BytesIO()
    write_report(fmt, _header(edge_result, context), iter(edge_result.documents), out)
    whole = render(fmt, edge_result, context).body
    if fmt is ReportFormat.CSV:
        assert out.getvalue() == whole
    else:
        assert json.loads(out.getvalue()) == json.loads(whole)


def test_html_without_a_page_list_puts_contents_and_summary_after_the_pages(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A stream of unknown length still gets its summary and contents, after the pages."""
    body = b"".join(iter_report("html", _header(edge_result, context), edge_result.documents))
    text = body.decode()
    pages, summary, contents = (
        text.index('id="pages-heading"'),
        text.index('id="summary-heading"'),
        text.index('id="contents-heading"'),
    )
    assert pages < summary < contents
    whole = render("html", edge_result, context).body.decode()
    assert whole.index('id="contents-heading"') < whole.index('id="pages-heading"')
    for document in edge_result.documents:
        assert f'href="#page-{edge_result.documents.index(document) + 1}"' in text
    assert text.count("<h3>") == whole.count("<h3>") == len(edge_result.documents)
    assert text.endswith("</html>\n")


def test_json_lines_are_the_json_reports_pages(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """One page object per line, equal to the JSON report's ``documents`` entries."""
    for include_passed in (False, True):
        lines = render("jsonl", edge_result, context, include_passed=include_passed).body
        report = msgspec.json.decode(
            render("json", edge_result, context, include_passed=include_passed).body,
            type=JsonReport,
        )
        assert lines.endswith(b"\n")
        pages = [msgspec.json.decode(line, type=JsonDocument) for line in lines.splitlines()]
        assert pages == report.documents


def test_suggestions_appear_next_to_their_finding(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """The suggestion hook: JSON carries the mapping on the finding, HTML shows it."""
    page = edge_result.documents[0]
    index = next(i for i, finding in enumerate(page.findings) if finding.outcome is Outcome.FAILED)
    suggestion = {"text": 'Use alt="Company logo"', "model": "small", "confidence": 0.8}
    header = _header(edge_result, context)

    writer = open_writer("json")
    body = writer.start(header) + writer.document(page, {index: suggestion}) + writer.finish()
    findings = json.loads(body)["documents"][0]["findings"]
    with_suggestion = [finding for finding in findings if "suggestion" in finding]
    assert len(with_suggestion) == 1
    assert with_suggestion[0]["suggestion"] == suggestion
    assert with_suggestion[0]["message"] == page.findings[index].message

    html_writer = open_writer("html")
    html_body = html_writer.start(header) + html_writer.document(page, {index: suggestion})
    assert b"<dt>Suggestion</dt>" in html_body
    assert b"text=Use alt=&quot;Company logo&quot;; model=small; confidence=0.8" in html_body


def test_the_csv_streams_one_header_row_and_a_byte_order_mark(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Only the first chunk has the BOM; every later chunk is rows."""
    chunks = list(iter_report("csv", _header(edge_result, context), edge_result.documents))
    assert chunks[0].startswith(b"\xef\xbb\xbf")
    assert not any(chunk.startswith(b"\xef\xbb\xbf") for chunk in chunks[1:])
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + sum(len(document.findings) for document in edge_result.documents)


def test_text_lists_problems_by_page_and_counts_everything(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Problems as path:line:column lines under their rule; the last line has the totals."""
    text = render("text", edge_result, context).body.decode()
    summary = summarize(edge_result)
    assert text.endswith(
        f"{len(edge_result.documents)} page(s) checked with {len(edge_result.rules)} "
        f"rule(s): {summary.by_outcome.failed} failed, {summary.by_outcome.cant_tell} need "
        f"review, {summary.by_outcome.passed} passed\n"
    )
    assert text.count(" FAIL [") == summary.by_outcome.failed
    assert text.count(" REVIEW [") == summary.by_outcome.cant_tell
    failed_page = next(document for document in edge_result.documents if document.error)
    assert f"{failed_page.path}: error: {failed_page.error}\n" in text


def test_finish_before_start_is_a_programming_error(context: ReportContext) -> None:
    """Writers that need the header say so instead of writing a broken report."""
    for fmt in (ReportFormat.SARIF, ReportFormat.HTML):
        with pytest.raises(RuntimeError, match="start"):
            open_writer(fmt).finish()


def test_the_finding_shape_reaches_every_format(
    finding: Callable[..., Finding],
    result_of: Callable[..., AnalysisResult],
    context: ReportContext,
) -> None:
    """mode/semiAuto, question, details and fingerprint: JSON has them all, SARIF keys the
    element fingerprint and states mode and details, CSV and HTML show details compactly,
    EARL asserts earl:semiAuto."""
    measured = {"contrastRatio": 2.51, "expectedRatio": 4.5, "largeText": False}
    compact = "contrastRatio=2.51; expectedRatio=4.5; largeText=false"
    decided = finding(
        rule_id="color-contrast",
        mode=Mode.SEMI_AUTO,
        details=measured,
        fingerprint="f" * 16,
    )
    open_question = finding(
        outcome=Outcome.CANT_TELL, question="alt-is-descriptive", fingerprint="e" * 16
    )
    result = result_of(decided, open_question)

    findings = json.loads(render("json", result, context).body)["documents"][0]["findings"]
    assert [finding["semiAuto"] for finding in findings] == [True, False]
    assert findings[0]["mode"] == "semiAuto" and findings[1]["question"] == "alt-is-descriptive"
    assert findings[0]["details"] == {
        "contrastRatio": 2.51,
        "expectedRatio": 4.5,
        "largeText": False,
    }

    results = json.loads(render("sarif", result, context).body)["runs"][0]["results"]
    assert results[0]["partialFingerprints"]["a11yElement/v1"] == "f" * 16
    assert results[0]["properties"]["mode"] == "semiAuto"
    assert results[0]["properties"]["details"]["contrastRatio"] == 2.51
    assert results[1]["properties"]["question"] == "alt-is-descriptive"
    assert "mode" not in results[1]["properties"]

    rows = list(
        csv.DictReader(io.StringIO(render("csv", result, context).body.decode("utf-8-sig")))
    )
    assert rows[0]["details"] == compact
    assert (rows[0]["mode"], rows[1]["mode"]) == ("semiAuto", "automatic")
    assert rows[1]["question"] == "alt-is-descriptive" and rows[1]["fingerprint"] == "e" * 16

    page = render("html", result, context).body.decode()
    assert f"<dt>Measured</dt><dd>{compact}</dd>" in page
    assert page.count("<dt>Decided by</dt>") == 1

    earl = json.loads(render("earl", result, context).body)
    modes = [assertion["mode"] for assertion in earl["@graph"][1]["assertions"]]
    assert modes == ["earl:semiAuto", "earl:automatic"]
