"""Analyses: start one on a session's pages, follow it, read its findings and reports.

The API only enqueues and reads: the engine runs in the background (``jobs``). An analysis
belongs to the identity that started it; anyone else, and everyone once the session has
expired, gets 404, the same answer as for an id that never existed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Final

from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter

from accessibility_analyzer.api.controllers import analyses_results as results
from accessibility_analyzer.api.controllers import report_downloads as downloads
from accessibility_analyzer.api.controllers.analyses_schemas import (
    AnalysisLinks,
    AnalysisOut,
    AnalysisRequest,
    FindingsPage,
    FormatName,
    ImpactName,
    OutcomeName,
    Progress,
    SuggestionProgress,
)
from accessibility_analyzer.api.controllers.findings_pages import (
    decode_cursor,
    encode_cursor,
    findings_total,
)
from accessibility_analyzer.api.errors import PROBLEM_MEDIA_TYPE, ApiProblem
from accessibility_analyzer.api.schemas import PageOffset, ProblemDetails
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.jobs.queue import JobQueue
from accessibility_analyzer.observability.tracing import inject_context
from accessibility_analyzer.reports import FORMAT_NAMES
from accessibility_analyzer.rules import UnknownRuleError, select_rules
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.models import Analysis, AnalysisStatus
from accessibility_analyzer.storage.report_files import ReportFiles

__all__ = ["AnalysesController"]

_MAX_PAGE_SIZE: Final = 1000


def _problem(description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=ProblemDetails, description=description, media_type=PROBLEM_MEDIA_TYPE
    )


_NOT_FOUND = _problem("No such analysis for this API key (or its session expired)")


def _not_found(what: str = "analysis") -> ApiProblem:
    return ApiProblem(404, f"No {what} with this id exists for this API key.", reason="not_found")


def _links(analysis_id: str) -> AnalysisLinks:
    base = f"/api/v1/analyses/{analysis_id}"
    return AnalysisLinks(self=base, findings=f"{base}/findings", report=f"{base}/report")


def analysis_out(
    analysis: Analysis, now: datetime | None = None, *, queue_reason: str | None = None
) -> AnalysisOut:
    """The API view of an analysis row.

    ``queue_reason`` is why the queue cannot run it now (no worker alive...): shown for a
    queued analysis after its own stored reason, and for a running one (its worker died and
    no other is there to take it over).
    """
    now = now or datetime.now(UTC)
    waiting = None
    if analysis.status == AnalysisStatus.QUEUED:
        reasons = [reason for reason in (analysis.waiting_reason, queue_reason) if reason]
        waiting = "; ".join(reasons) or None
    elif analysis.status == AnalysisStatus.RUNNING:
        waiting = queue_reason
    duration = None
    if analysis.started_at is not None:
        end = analysis.finished_at or now
        duration = round((end - analysis.started_at).total_seconds(), 3)
    total = analysis.pages_total
    percent = 100.0 if total == 0 else round(100.0 * analysis.pages_done / total, 1)
    return AnalysisOut(
        id=analysis.id,
        session_id=analysis.session_id,
        status=analysis.status,  # type: ignore[arg-type]  # the column only holds the four
        progress=Progress(pages_done=analysis.pages_done, pages_total=total, percent=percent),
        options={k: v for k, v in analysis.options.items() if k != "resolvedRules"},
        attempt=analysis.attempt,
        error=analysis.error,
        waiting_reason=waiting,
        summary=analysis.summary,
        created_at=analysis.created_at,
        started_at=analysis.started_at,
        finished_at=analysis.finished_at,
        duration_seconds=duration,
        links=_links(analysis.id),
        suggestions=(
            SuggestionProgress(
                done=analysis.suggestions_done or 0, total=analysis.suggestions_total
            )
            if analysis.options.get("suggestions")
            else None
        ),
    )


def _resolve_rules(selection: AnalysisRequest) -> list[str] | None:
    """Validate the selection; ``None`` when no filter was given (every rule runs)."""
    if selection.rules is None and selection.tags is None and selection.level is None:
        return None
    try:
        rules = select_rules(ids=selection.rules, tags=selection.tags, level=selection.level)
    except UnknownRuleError as error:
        raise ApiProblem(
            400,
            f"Unknown rule id(s): {', '.join(error.unknown)}. GET /api/v1/rules lists them.",
            reason="unknown_rules",
            extra={"unknownRules": list(error.unknown)},
        ) from None
    if not rules:
        raise ApiProblem(
            422,
            "The rule selection matches no rule; widen the tags or level.",
            reason="no_rules_selected",
        )
    return [rule.meta.id for rule in rules]


class AnalysesController(Controller):
    """Start analyses and read their status, findings and reports."""

    path = "/v1"
    tags = ("analyses",)

    @post(
        "/sessions/{session_id:str}/analyses",
        status_code=202,
        operation_id="createAnalysis",
        summary="Analyse the session's pages in the background",
        responses={
            404: _problem("No such session for this API key (or it expired)"),
            409: _problem("The session has no pages to analyse"),
            422: _problem("The rule selection matches no rule"),
            503: _problem("The job queue is unreachable"),
        },
    )
    async def create(
        self,
        *,
        database: NamedDependency[Database],
        job_queue: NamedDependency[JobQueue],
        session_id: FromPath[str],
        identity: NamedDependency[str],
        data: JSONBody[AnalysisRequest | None] = None,
    ) -> Response[AnalysisOut]:
        """Queue an analysis of every page of the session; answers 202 with its id.

        The optional body narrows the rules (ids, tags, level). Poll the ``Location``
        until ``status`` is ``completed`` (or ``failed``).
        """
        selection = data or AnalysisRequest()
        resolved = _resolve_rules(selection)

        if not await repo.live_session_exists(database, session_id, identity):
            raise _not_found("session")
        pages = await repo.count_pages(database, session_id)
        if pages == 0:
            raise ApiProblem(
                409,
                "The session has no pages to analyse; upload .html files or a .zip first.",
                reason="no_pages",
            )
        options: dict[str, Any] = {
            "rules": selection.rules,
            "tags": selection.tags,
            "level": selection.level,
            "suggestions": selection.suggestions,
            "oracle": selection.oracle,
            "resolvedRules": resolved,
        }
        analysis = await repo.create_analysis(
            database, session_id=session_id, owner=identity, options=options, pages_total=pages
        )
        carrier = inject_context()  # the job's span joins this request's trace
        try:
            await job_queue.enqueue(analysis.id, carrier)
        except Exception as error:  # Valkey down: say so now rather than never finishing
            await repo.mark_failed(database, analysis.id, "the job queue was unreachable")
            raise ApiProblem(
                503,
                "The job queue is unreachable; try again shortly.",
                reason="queue_unavailable",
                headers={"Retry-After": "5"},
            ) from error
        location = f"/api/v1/analyses/{analysis.id}"
        out = analysis_out(analysis, queue_reason=await job_queue.waiting_reason())
        return Response(out, status_code=202, headers={"Location": location})

    @get(
        "/analyses/{analysis_id:str}",
        operation_id="getAnalysis",
        summary="Status, progress, timings and summary of an analysis",
        responses={404: _NOT_FOUND},
    )
    async def get_one(
        self,
        database: NamedDependency[Database],
        job_queue: NamedDependency[JobQueue],
        analysis_id: FromPath[str],
        identity: NamedDependency[str],
    ) -> AnalysisOut:
        """Read an analysis (poll this while it runs)."""
        analysis = await repo.get_analysis(database, analysis_id, identity)
        if analysis is None:
            raise _not_found()
        queue_reason = None
        if analysis.status in {AnalysisStatus.QUEUED, AnalysisStatus.RUNNING}:
            queue_reason = await job_queue.waiting_reason()
        return analysis_out(analysis, queue_reason=queue_reason)

    @get(
        "/analyses/{analysis_id:str}/findings",
        operation_id="listFindings",
        summary="Findings of an analysis, filtered and paginated",
        responses={404: _NOT_FOUND},
    )
    async def findings(
        self,
        *,
        database: NamedDependency[Database],
        analysis_id: FromPath[str],
        identity: NamedDependency[str],
        rule: Annotated[str | None, QueryParameter(max_length=100)] = None,
        impact: Annotated[ImpactName | None, QueryParameter()] = None,
        outcome: Annotated[OutcomeName | None, QueryParameter()] = None,
        document: Annotated[str | None, QueryParameter(max_length=1024)] = None,
        wcag: Annotated[
            str | None, QueryParameter(pattern=r"^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}$")
        ] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=_MAX_PAGE_SIZE)] = 100,
        offset: PageOffset = 0,
        cursor: Annotated[
            str | None,
            QueryParameter(
                max_length=128,
                pattern=r"^[A-Za-z0-9_-]+$",
                description="`nextCursor` of the previous page (faster than `offset`)",
            ),
        ] = None,
        cache: NamedDependency[Cache],
    ) -> FindingsPage:
        """List findings; filter by rule id, impact, outcome, document (id or path) and WCAG
        criterion (``1.1.1``). ``total`` counts all matches; follow ``nextCursor`` (each
        page as fast as the first) or ``nextOffset``."""

        async with repo.reads(database) as reads:  # one connection for the three reads
            analysis = await reads.analysis(analysis_id, identity)
            if analysis is None:
                raise _not_found()
            if cursor is not None and offset:
                raise ApiProblem(
                    400, "Give either cursor or offset, not both.", reason="cursor_and_offset"
                )
            after_id = None if cursor is None else decode_cursor(cursor, analysis_id)
            filters = repo.FindingFilters(
                rule_id=rule, impact=impact, outcome=outcome, document=document, wcag=wcag
            )
            rows, more = await reads.findings_page(
                analysis_id, filters, limit=limit, offset=offset, after_id=after_id
            )
            total = await findings_total(reads, cache, analysis, filters)
        items = [results.finding_out(row) for row in rows]
        next_cursor = encode_cursor(analysis_id, items[-1].id) if more and items else None
        next_offset = offset + len(items) if more and cursor is None else None
        return FindingsPage(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset,
            next_cursor=next_cursor,
        )

    @get(
        "/analyses/{analysis_id:str}/report",
        operation_id="getReport",
        summary="The analysis as a report: " + ", ".join(FORMAT_NAMES),
        responses={
            200: ResponseSpec(data_container=bytes, description="The report"),
            404: _NOT_FOUND,
            409: _problem("The analysis has not completed"),
        },
    )
    async def report(
        self,
        *,
        database: NamedDependency[Database],
        file_store: NamedDependency[FileStore],
        analysis_id: FromPath[str],
        identity: NamedDependency[str],
        cache: NamedDependency[Cache],
        report_format: Annotated[FormatName, QueryParameter(name="format")] = FormatName.JSON,
        include_passed: Annotated[
            bool,
            QueryParameter(
                name="includePassed",
                description="JSON and JSON Lines: list passed and inapplicable findings too "
                "(by default they are only counted per page and rule).",
            ),
        ] = False,
    ) -> Response[Any]:
        """Download a report of a completed analysis, streamed (then kept) as it renders."""
        analysis = await repo.get_analysis(database, analysis_id, identity)
        if analysis is None:
            raise _not_found()
        if analysis.status != AnalysisStatus.COMPLETED:
            raise ApiProblem(
                409,
                f"The analysis is {analysis.status}; reports exist once it has completed.",
                reason="not_completed",
                extra={"status": analysis.status},
            )
        files = ReportFiles.under(file_store.data_dir)
        wanted = downloads.ReportRequest.of(analysis, report_format, include_passed)
        return await downloads.report_response(database, cache, files, wanted)
