"""Serving a report: from the cache, from a report file, or streamed from the database.

The first download of a report streams it as it is written: the pages are read one at a
time (each page's findings in keyset batches, ``storage.report_rows``), each is rendered by
the format's streaming writer in a thread and sent as a chunk, so neither the findings nor
the report are ever held whole. The same chunks go to a ``.part`` file under
``DATA_DIR/reports/<session>/``; once complete, a small report goes to the cache (memory or
Valkey) and a large one is renamed into place, and later downloads are served from there.
A download cut short leaves no report behind. Report files go with their session
(``storage.cleanup``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

import msgspec
from litestar import Response
from litestar.response import File, Stream

from accessibility_analyzer import __version__
from accessibility_analyzer.api.controllers.analyses_results import (
    engine_finding,
    rules_run,
    split_wcag,
    stored_counts,
)
from accessibility_analyzer.cache import Cache, cache_key
from accessibility_analyzer.engine.result import DocumentResult, Impact, Outcome
from accessibility_analyzer.reports import (
    ImpactCounts,
    PassedFindings,
    ReportContext,
    ReportFormat,
    ReportHeader,
    ReportSummary,
    ReportWriter,
    Suggestion,
    Suggestions,
    SummaryCounter,
    open_writer,
    report_filename,
)
from accessibility_analyzer.storage import report_rows
from accessibility_analyzer.storage import suggestions as suggestion_store
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Analysis
from accessibility_analyzer.storage.report_files import ReportFiles, discard, install

# Bump when a writer's output changes for the same stored results: cached reports (entries
# and files) of the old shape then stop being served.
REPORT_CACHE_VERSION: Final = "2"
# Reports up to this size are kept in the cache (memory or Valkey); larger ones as files.
MAX_CACHE_ENTRY_BYTES: Final = 1024 * 1024
RULE_HELP_URI: Final = "/api/v1/rules/"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """One report download: which analysis, which format, with passed findings or not."""

    analysis: Analysis
    fmt: ReportFormat
    include_passed: bool

    @classmethod
    def of(cls, analysis: Analysis, fmt: str, include_passed: bool) -> ReportRequest:
        """Normalise the options: ``include_passed`` counts only where a format offers it."""
        report_format = ReportFormat(fmt)
        optional = report_format.spec.passed is PassedFindings.OPTIONAL
        return cls(analysis, report_format, include_passed and optional)

    @property
    def variant(self) -> str:
        """What, besides the analysis, decides the report's bytes (a file name part): the
        format and options, the versions, and how many suggestions exist (background
        suggestions keep arriving after the analysis completed)."""
        material = "|".join(
            (
                REPORT_CACHE_VERSION,
                __version__,
                self.fmt,
                str(self.include_passed),
                str(self.analysis.suggestions_done or 0),
            )
        )
        digest = hashlib.sha256(material.encode()).hexdigest()[:16]
        return f"{self.fmt.value}{'-all' if self.include_passed else ''}-{digest}"

    @property
    def cache_key(self) -> str:
        """The cache entry of a small report."""
        return cache_key("report", self.analysis.id, self.variant)

    @property
    def filename(self) -> str:
        """Download file name."""
        return report_filename(self.fmt, self.analysis.id)

    def file(self, files: ReportFiles) -> Path:
        """Where the report's file lives once written."""
        return files.path_for(
            self.analysis.session_id, self.analysis.id, self.variant, self.fmt.extension
        )


def media_type_of(fmt: ReportFormat) -> str:
    """The media type minus its charset: Litestar appends ``charset=utf-8`` to text types."""
    parts = [part.strip() for part in fmt.media_type.split(";")]
    return "; ".join(part for part in parts if not part.lower().startswith("charset="))


async def report_response(
    database: Database, cache: Cache, files: ReportFiles, request: ReportRequest
) -> Response[Any]:
    """The report as a cached body, a file, or a stream rendered from the database."""
    media_type = media_type_of(request.fmt)
    disposition = {"Content-Disposition": f'inline; filename="{request.filename}"'}
    cached = await cache.get(request.cache_key)
    if cached is not None:
        return Response(cached, media_type=media_type, headers=disposition)
    stored = request.file(files)
    if await asyncio.to_thread(stored.is_file):
        return File(
            stored,
            media_type=media_type,
            filename=request.filename,
            content_disposition_type="inline",
        )
    return Stream(
        stream_report(database, cache, files, request), media_type=media_type, headers=disposition
    )


async def stream_report(
    database: Database, cache: Cache, files: ReportFiles, request: ReportRequest
) -> AsyncIterator[bytes]:
    """Render the report a page at a time, yielding each chunk and keeping a copy on disk."""
    analysis = request.analysis
    pages = await report_rows.report_pages(database, analysis.id)
    context = report_context(analysis)
    if request.fmt is ReportFormat.HTML:  # the HTML page shows the summary before the pages
        summary = stored_summary(analysis) or await summary_in_sql(database, analysis, pages)
        context = msgspec.structs.replace(context, summary=summary)
    header = ReportHeader(
        context=context, rules=rules_run(analysis.options), pages=[page["path"] for page in pages]
    )
    writer = open_writer(request.fmt, include_passed=request.include_passed)
    part_path, part = await asyncio.to_thread(files.open_part, analysis.session_id)
    try:
        yield await asyncio.to_thread(_write, part, writer.start(header))
        for page in pages:
            rows: list[Mapping[Any, Any]] = []
            suggestions: dict[int, Suggestion] = {}
            async for batch in report_rows.page_findings(
                database, analysis.id, page["document_id"]
            ):
                suggestions.update(await _suggestions(database, analysis.id, batch, len(rows)))
                rows.extend(batch)
            chunk = await asyncio.to_thread(_render_page, writer, page, rows, suggestions, part)
            if chunk:
                yield chunk
            del rows, suggestions
        last = await asyncio.to_thread(_write, part, writer.finish())
        await asyncio.to_thread(part.close)
        await _keep(cache, files, request, part_path)
        yield last
    finally:
        part.close()
        discard(part_path)  # a kept report was moved away first; sync: this may be a cancel


def report_context(analysis: Analysis) -> ReportContext:
    """What a report states about a stored analysis."""
    return ReportContext(
        analysis_id=analysis.id,
        session_id=analysis.session_id,
        tool_version=__version__,
        created_at=analysis.created_at,
        finished_at=analysis.finished_at,
        rule_help_uri=RULE_HELP_URI,
    )


def stored_summary(analysis: Analysis) -> ReportSummary | None:
    """The report summary from the counts the job stored when the analysis completed.

    The stored counts are by rule and outcome and by impact; the WCAG principles follow from
    each rule's criteria (a finding states its rule's). ``None`` when something is missing,
    such as a rule id the analysis's rule list does not know.
    """
    stored = analysis.summary
    rules = {rule.id: rule for rule in rules_run(analysis.options)}
    if not stored or any(rule_id not in rules for rule_id in stored.get("byRule", {})):
        return None
    counter = SummaryCounter(rules.values())
    counter.add_pages(int(stored["documents"]), int(stored["documentsWithErrors"]))
    for rule_id, counts in stored["byRule"].items():
        rule = rules[rule_id]
        for outcome in Outcome:
            if count := int(counts.get(outcome.value, 0)):
                counter.add_group(rule_id, outcome, rule.impact, rule.wcag, count)
    summary = counter.summary()
    summary.by_impact = {
        impact: ImpactCounts(
            failed=int(stored["byImpact"].get(impact.value, {}).get("failed", 0)),
            cant_tell=int(stored["byImpact"].get(impact.value, {}).get("cantTell", 0)),
        )
        for impact in Impact
    }
    return summary


async def summary_in_sql(
    database: Database, analysis: Analysis, pages: Sequence[Mapping[str, Any]]
) -> ReportSummary:
    """The report summary counted by the database (no finding comes into memory)."""
    counter = SummaryCounter(rules_run(analysis.options))
    counter.add_pages(len(pages), sum(1 for page in pages if page["error"]))
    for rule_id, outcome, impact, wcag, count in await report_rows.finding_groups(
        database, analysis.id
    ):
        counter.add_group(rule_id, Outcome(outcome), Impact(impact), split_wcag(wcag), count)
    return counter.summary()


async def _suggestions(
    database: Database, analysis_id: str, rows: Sequence[Mapping[Any, Any]], first_index: int
) -> dict[int, Suggestion]:
    """Stored fix suggestions of a batch of a page's findings, by index on the page."""
    index_of = {int(row["id"]): first_index + offset for offset, row in enumerate(rows)}
    kept = await suggestion_store.suggestions_by_finding(database, analysis_id, index_of)
    return {index_of[finding_id]: payload for finding_id, payload in kept.items()}


def _render_page(
    writer: ReportWriter,
    page: Mapping[str, Any],
    rows: Sequence[Mapping[Any, Any]],
    suggestions: Suggestions,
    part: BinaryIO,
) -> bytes:
    document = DocumentResult(
        path=page["path"],
        title=page["title"],
        findings=[engine_finding(row) for row in rows],
        counts=stored_counts(page["counts"] or {}),
        error=page["error"],
    )
    return _write(part, writer.document(document, suggestions or None))


def _write(part: BinaryIO, chunk: bytes) -> bytes:
    part.write(chunk)
    return chunk


async def _keep(cache: Cache, files: ReportFiles, request: ReportRequest, part_path: Path) -> None:
    """A complete report: small ones into the cache, large ones renamed into place."""
    size = await asyncio.to_thread(lambda: part_path.stat().st_size)
    if size <= MAX_CACHE_ENTRY_BYTES:
        await cache.set(request.cache_key, await asyncio.to_thread(part_path.read_bytes))
        return
    with contextlib.suppress(OSError):  # the session went away meanwhile: so does its report
        await asyncio.to_thread(install, part_path, request.file(files))


__all__ = [
    "MAX_CACHE_ENTRY_BYTES",
    "REPORT_CACHE_VERSION",
    "ReportRequest",
    "media_type_of",
    "report_response",
    "stream_report",
]
