"""JSON report: the engine's shape plus session, analysis and summary; round-trips.

By default a page lists its failed and cantTell findings and counts the rest per rule;
``include_passed`` lists every finding.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from accessibility_analyzer.engine.result import AnalysisResult, DocumentResult, Outcome
from accessibility_analyzer.reports import (
    JsonReport,
    ReportContext,
    ReportFormat,
    render,
    summarize,
)


def test_round_trips_through_msgspec(edge_result: AnalysisResult, context: ReportContext) -> None:
    """Decoding the report gives back the engine's documents and rules unchanged."""
    body = render(ReportFormat.JSON, edge_result, context, include_passed=True).body
    report = msgspec.json.decode(body, type=JsonReport)
    assert report.includes_passed
    assert [
        DocumentResult(
            path=page.path,
            title=page.title,
            findings=page.findings,
            counts=page.counts,
            error=page.error,
        )
        for page in report.documents
    ] == edge_result.documents
    assert report.rules == edge_result.rules
    assert report.session.id == "se_9876543210"
    assert report.analysis.id == "an_0123456789"
    assert report.analysis.created_at == context.created_at
    assert report.analysis.finished_at == context.finished_at
    assert report.tool.version == "0.1.0"
    assert report.summary == summarize(edge_result)
    assert report.report_version == 2


def test_random_results_round_trip(
    factory_results: list[AnalysisResult], context: ReportContext
) -> None:
    """Random results decode back to the same result (the engine's own type reads it)."""
    for result in factory_results:
        body = render(ReportFormat.JSON, result, context, include_passed=True).body
        assert msgspec.json.decode(body, type=AnalysisResult) == result


def test_keys_are_camel_case(edge_result: AnalysisResult, context: ReportContext) -> None:
    """Field names follow the API's camelCase convention."""
    data = json.loads(render(ReportFormat.JSON, edge_result, context).body)
    assert list(data) == [
        "reportVersion",
        "tool",
        "session",
        "analysis",
        "includesPassed",
        "rules",
        "documents",
        "summary",
    ]
    assert set(data["analysis"]) == {"id", "createdAt", "finishedAt"}
    assert {"ruleId", "fixHint", "xpath"} <= set(data["documents"][0]["findings"][0])
    assert list(data["documents"][0]) == [
        "path",
        "title",
        "counts",
        "error",
        "ruleCounts",
        "findings",
    ]
    assert {"byOutcome", "byImpact", "byRule", "byPrinciple", "documentsWithErrors"} <= set(
        data["summary"]
    )
    assert data["documents"][3]["error"].startswith("Could not decode")


def test_a_stored_summary_is_used_as_given(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A summary the job stored is reported as is, not recomputed."""
    stored = summarize(AnalysisResult(documents=[], rules=[]))
    with_summary = ReportContext(**{**_fields(context), "summary": stored})
    data = json.loads(render(ReportFormat.JSON, edge_result, with_summary).body)
    assert data["summary"]["findings"] == 0


def test_lone_surrogates_are_replaced(edge_result: AnalysisResult, context: ReportContext) -> None:
    """A string msgspec cannot encode is scrubbed instead of failing the report."""
    document = edge_result.documents[2]
    document.title = "bad \udc80 title"
    body = render(ReportFormat.JSON, edge_result, context).body
    assert json.loads(body)["documents"][2]["title"] == "bad \ufffd title"


def _fields(context: ReportContext) -> dict[str, Any]:
    return {name: getattr(context, name) for name in context.__struct_fields__}


def test_by_default_only_problems_are_listed_and_the_rest_counted(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Failed and cantTell findings are listed; passes and inapplicables are counted per rule."""
    report = msgspec.json.decode(
        render(ReportFormat.JSON, edge_result, context).body, type=JsonReport
    )
    assert not report.includes_passed
    assert report.summary == summarize(edge_result)  # the summary still counts everything
    for page, original in zip(report.documents, edge_result.documents, strict=True):
        problems = [
            finding
            for finding in original.findings
            if finding.outcome in (Outcome.FAILED, Outcome.CANT_TELL)
        ]
        assert page.findings == problems
        assert page.counts == original.counts
        for rule_id, counts in page.rule_counts.items():
            of_rule = [finding for finding in original.findings if finding.rule_id == rule_id]
            assert counts.passed == sum(f.outcome == Outcome.PASSED for f in of_rule)
            assert counts.inapplicable == sum(f.outcome == Outcome.INAPPLICABLE for f in of_rule)
            assert counts.failed + counts.cant_tell == sum(f in problems for f in of_rule)
        assert sum(
            counts.passed + counts.failed + counts.cant_tell + counts.inapplicable
            for counts in page.rule_counts.values()
        ) == len(original.findings)
    listed = sum(len(page.findings) for page in report.documents)
    assert 0 < listed < sum(len(page.findings) for page in edge_result.documents)
