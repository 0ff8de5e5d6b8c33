"""JSON report: the engine's shape plus session, analysis and summary; round-trips."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from accessibility_analyzer.engine.result import AnalysisResult
from accessibility_analyzer.reports import (
    JsonReport,
    ReportContext,
    ReportFormat,
    render,
    summarize,
)


def test_round_trips_through_msgspec(edge_result: AnalysisResult, context: ReportContext) -> None:
    """Decoding the report gives back the engine's documents and rules unchanged."""
    body = render(ReportFormat.JSON, edge_result, context).body
    report = msgspec.json.decode(body, type=JsonReport)
    assert report.documents == edge_result.documents
    assert report.rules == edge_result.rules
    assert report.session.id == "se_9876543210"
    assert report.analysis.id == "an_0123456789"
    assert report.analysis.created_at == context.created_at
    assert report.analysis.finished_at == context.finished_at
    assert report.tool.version == "0.1.0"
    assert report.summary == summarize(edge_result)
    assert report.report_version == 1


def test_random_results_round_trip(
    factory_results: list[AnalysisResult], context: ReportContext
) -> None:
    """Random results decode back to the same result (the engine's own type reads it)."""
    for result in factory_results:
        body = render(ReportFormat.JSON, result, context).body
        assert msgspec.json.decode(body, type=AnalysisResult) == result


def test_keys_are_camel_case(edge_result: AnalysisResult, context: ReportContext) -> None:
    """Field names follow the API's camelCase convention."""
    data = json.loads(render(ReportFormat.JSON, edge_result, context).body)
    assert list(data) == [
        "reportVersion",
        "tool",
        "session",
        "analysis",
        "summary",
        "documents",
        "rules",
    ]
    assert set(data["analysis"]) == {"id", "createdAt", "finishedAt"}
    assert {"ruleId", "fixHint", "xpath"} <= set(data["documents"][0]["findings"][0])
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
