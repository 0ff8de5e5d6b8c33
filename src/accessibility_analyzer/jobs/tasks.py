"""The analysis job: run the engine over every page of a session and store what it finds.

The same coroutine runs under arq (``jobs.worker``) and in the API process
(``jobs.queue.LocalQueue``). Its shape:

* claim the analysis (status ``running``, attempt + 1); a finished one is left alone, so a
  duplicate delivery does nothing;
* skip pages an earlier attempt already stored (a job retried after a crash continues);
* send pages to the process pool a few at a time (each child reads its page and the site's
  files from disk itself: the parent never holds page bytes);
* store results in batches as they arrive, each page's rows replacing any earlier ones in
  the same transaction, and advance ``pages_done`` with them;
* a page that makes the engine fail, or whose results the database refuses, becomes an
  error entry for that page: one page never fails the analysis;
* past the time limit the analysis fails with a clear reason;
* finally compute the summary and mark it completed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from accessibility_analyzer.cache import Cache
from accessibility_analyzer.engine.result import DocumentResult
from accessibility_analyzer.jobs.oracle import OracleStep, open_questions
from accessibility_analyzer.jobs.page_worker import (
    analyse_page,
    decode_result,
    error_result,
    write_manifest,
)
from accessibility_analyzer.jobs.pool import EnginePool
from accessibility_analyzer.jobs.suggestions import suggest_all
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.observability import metrics
from accessibility_analyzer.observability.tracing import job_span, record_page_span
from accessibility_analyzer.storage import analysis_runs as repo
from accessibility_analyzer.storage import suggestions as suggestion_store
from accessibility_analyzer.storage.analysis_summary import compute_summary
from accessibility_analyzer.storage.database import Database

logger = logging.getLogger(__name__)

# Pages kept in flight per pool child: enough that a child never waits for the parent,
# few enough that results waiting to be stored stay a handful of pages.
_IN_FLIGHT_PER_CHILD = 3
# A batch is stored when it has this many pages or is this old, whichever comes first.
_BATCH_PAGES = 16
_BATCH_SECONDS = 0.5
# How often a page is resubmitted after its child process died before it becomes an error.
_CRASH_RETRIES = 1

FileLocator = Callable[[str, str], Path]
"""Maps (session id, storage key) to the stored file's path."""


@dataclass(slots=True)
class JobContext:
    """What the job needs from its host process (the arq worker or the API).

    Attributes:
        database: the database holding sessions, documents and results.
        pool: the process pool running the engine.
        locate_file: where a stored file lives on disk.
        work_dir: where per-analysis manifest files are written (under ``DATA_DIR``).
        time_limit_seconds: an analysis running longer than this fails.
        llm: the LLM client (suggestions, the ``{"oracle": "llm"}`` pass); ``None``: none.
        cache: the cache suggestions and answers are kept in; ``None``: not cached.
    """

    database: Database
    pool: EnginePool
    locate_file: FileLocator
    work_dir: Path
    time_limit_seconds: float
    llm: LLMClient | None = None
    cache: Cache | None = None


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """What a run of the job did (returned to arq, logged, asserted on in tests)."""

    analysis_id: str
    status: str
    attempt: int = 0
    pages_analysed: int = 0
    pages_skipped: int = 0
    seconds: float = 0.0
    error: str | None = None


def rule_ids_from_options(options: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The resolved rule selection stored with the analysis (``None``: every rule)."""
    resolved = options.get("resolvedRules")
    if resolved is None:
        return None
    return tuple(str(rule_id) for rule_id in resolved)


async def run_analysis(
    job: JobContext, analysis_id: str, trace_context: Mapping[str, str] | None = None
) -> JobOutcome:
    """Run (or continue) one analysis to the end; see the module docstring.

    Args:
        job: the host's resources.
        analysis_id: the analysis to run (also the arq job id).
        trace_context: W3C trace context of the request that created the analysis, so
            the job's span joins that trace.

    Returns:
        What happened. Page-level problems are recorded per page; only a time-out or an
        unusable analysis ends as ``failed``.
    """
    with job_span(analysis_id, trace_context=trace_context):
        return await _run(job, analysis_id)


async def _run(job: JobContext, analysis_id: str) -> JobOutcome:
    started = time.monotonic()
    claim = await repo.claim_analysis(job.database, analysis_id)
    if claim is None:
        logger.info("analysis %s: nothing to do (unknown or finished)", analysis_id)
        return JobOutcome(analysis_id=analysis_id, status="skipped")
    metrics.record_analysis_started()
    manifest = job.work_dir / f"{analysis_id}-{claim.attempt}.manifest"
    try:
        async with asyncio.timeout(job.time_limit_seconds):
            analysed, skipped = await _analyse_pages(job, claim, manifest)
            summary = await compute_summary(job.database, analysis_id)
            await repo.finish_analysis(job.database, analysis_id, claim.attempt, summary)
    except TimeoutError:
        error = f"the analysis did not finish within its time limit of {job.time_limit_seconds:g} s"
        logger.warning("analysis %s failed: %s", analysis_id, error)
        await repo.fail_analysis(job.database, analysis_id, claim.attempt, error)
        metrics.record_analysis_failed("timeout", time.monotonic() - started)
        return JobOutcome(
            analysis_id=analysis_id,
            status="failed",
            attempt=claim.attempt,
            seconds=time.monotonic() - started,
            error=error,
        )
    except repo.StaleAttemptError:
        logger.warning("analysis %s: attempt %d was superseded", analysis_id, claim.attempt)
        return JobOutcome(analysis_id=analysis_id, status="superseded", attempt=claim.attempt)
    finally:
        manifest.unlink(missing_ok=True)
    if claim.options.get("suggestions"):
        await _suggest_everything(job, claim)
    seconds = time.monotonic() - started
    metrics.record_analysis_completed(seconds)
    logger.info(
        "analysis %s completed: %d pages in %.2f s (%d stored by an earlier attempt)",
        analysis_id,
        analysed,
        seconds,
        skipped,
        extra={"analysis_id": analysis_id, "pages": analysed, "duration_s": round(seconds, 3)},
    )
    return JobOutcome(
        analysis_id=analysis_id,
        status="completed",
        attempt=claim.attempt,
        pages_analysed=analysed,
        pages_skipped=skipped,
        seconds=seconds,
    )


async def _suggest_everything(job: JobContext, claim: repo.Claim) -> None:
    """After the analysis: a suggestion for every failure, progress kept on the analysis."""

    async def progress(done: int, total: int) -> None:
        await suggestion_store.record_progress(job.database, claim.analysis_id, done, total)

    try:
        validated, total = await suggest_all(
            job.database,
            job.locate_file,
            job.llm,
            job.cache,
            analysis_id=claim.analysis_id,
            session_id=claim.session_id,
            options=claim.options,
            progress=progress,
        )
        await progress(total, total)
    except Exception:  # the analysis itself is complete; suggestions are an extra
        logger.exception("analysis %s: suggestions stopped", claim.analysis_id)
        return
    logger.info("analysis %s: %d of %d suggestions validated", claim.analysis_id, validated, total)


async def _analyse_pages(job: JobContext, claim: repo.Claim, manifest: Path) -> tuple[int, int]:
    """Analyse the pages not stored yet; return (pages analysed now, pages skipped)."""
    pages, files = await repo.session_files(job.database, claim.session_id)
    already = await repo.stored_document_ids(job.database, claim.analysis_id)
    todo = [page for page in pages if page.document_id not in already]
    if not todo:
        return 0, len(already)
    await asyncio.to_thread(
        write_manifest,
        manifest,
        {item.path: str(job.locate_file(claim.session_id, item.storage_key)) for item in files},
    )
    rule_ids = rule_ids_from_options(claim.options)
    results: asyncio.Queue[tuple[str, DocumentResult] | None] = asyncio.Queue(
        maxsize=_BATCH_PAGES * 4
    )

    oracle = None
    if claim.options.get("oracle") == "llm" and job.llm is not None and job.llm.available:
        oracle = OracleStep(job.llm, job.cache, job.pool, str(manifest), rule_ids)

    async def produce() -> None:
        await _dispatch(job, str(manifest), todo, rule_ids, results, oracle=oracle)
        await results.put(None)

    # A task group: when the writer fails (a superseded attempt), dispatching stops too,
    # instead of waiting forever for room in the queue.
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(_store_results(job, claim, results))
            group.create_task(produce())
    except ExceptionGroup as failure:
        raise failure.exceptions[0] from None
    return len(todo), len(already)


async def _dispatch(
    job: JobContext,
    manifest: str,
    todo: list[repo.PageToAnalyse],
    rule_ids: tuple[str, ...] | None,
    results: asyncio.Queue[tuple[str, DocumentResult] | None],
    *,
    oracle: OracleStep | None = None,
) -> None:
    """Keep the pool busy with pages and hand each result to the writer.

    With an ``oracle``, a page with open questions is answered and run again in a task of
    its own, so the pool keeps working on other pages while the model answers.
    """
    deciding: set[asyncio.Task[None]] = set()

    async def decide(page: repo.PageToAnalyse, first: DocumentResult) -> None:
        assert oracle is not None
        await results.put((page.document_id, await oracle(page.path, first)))

    waiting = list(reversed(todo))  # pop() from the end keeps path order
    crashes: dict[str, int] = {}
    generations: dict[asyncio.Future[bytes], int] = {}  # pool each page was sent to
    in_flight: dict[asyncio.Future[bytes], repo.PageToAnalyse] = {}
    submitted_ns: dict[asyncio.Future[bytes], int] = {}  # for the page spans and durations
    limit = job.pool.size * _IN_FLIGHT_PER_CHILD
    try:
        while waiting or in_flight:
            while waiting and len(in_flight) < limit:
                page = waiting.pop()
                submitted = job.pool.submit(analyse_page, manifest, page.path, rule_ids)
                future = asyncio.wrap_future(submitted)
                in_flight[future] = page
                generations[future] = getattr(submitted, "pool_generation", 0)
                submitted_ns[future] = time.time_ns()
            done, _ = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            for future in done:
                page = in_flight.pop(future)
                generation = generations.pop(future)
                result = _page_result(
                    job, future, page, generation=generation, crashes=crashes, waiting=waiting
                )
                _record_page(page, result, submitted_ns.pop(future))
                if result is None:
                    continue
                if oracle is not None and open_questions(result):
                    deciding.add(asyncio.create_task(decide(page, result)))
                else:
                    await results.put((page.document_id, result))
        await asyncio.gather(*deciding)
    finally:
        for future in in_flight:
            future.cancel()
        for task in deciding:
            task.cancel()


def _record_page(page: repo.PageToAnalyse, result: DocumentResult | None, started_ns: int) -> None:
    """Trace and count one finished page (``None``: resubmitted after a crash, not finished)."""
    if result is None:
        return
    ended_ns = time.time_ns()
    record_page_span(
        page.path,
        start_ns=started_ns,
        end_ns=ended_ns,
        document_id=page.document_id,
        error=result.error,
        findings=len(result.findings),
    )
    metrics.record_page_analysed(ok=result.error is None, duration_s=(ended_ns - started_ns) / 1e9)
    metrics.record_findings(result)


def _page_result(
    job: JobContext,
    future: asyncio.Future[bytes],
    page: repo.PageToAnalyse,
    *,
    generation: int,
    crashes: dict[str, int],
    waiting: list[repo.PageToAnalyse],
) -> DocumentResult | None:
    """Decode a finished page; on a dead child, resubmit it once, then record an error."""
    error = future.exception()
    if error is None:
        try:
            return decode_result(future.result())
        except Exception as undecodable:  # a bug in a child; the page alone pays for it
            logger.warning("page %s: unreadable result (%r)", page.path, undecodable)
            return error_result(page.path, f"analysis failed: {type(undecodable).__name__}")
    if isinstance(error, BrokenProcessPool):
        job.pool.reset(generation)
        tries = crashes.get(page.document_id, 0)
        if tries < _CRASH_RETRIES:
            crashes[page.document_id] = tries + 1
            waiting.append(page)
            return None
        logger.warning("page %s crashed the engine process twice", page.path)
        return error_result(page.path, "the engine process stopped while analysing this page")
    logger.warning("page %s could not be analysed: %r", page.path, error)
    return error_result(page.path, f"analysis failed: {type(error).__name__}")


async def _store_results(
    job: JobContext,
    claim: repo.Claim,
    results: asyncio.Queue[tuple[str, DocumentResult] | None],
) -> None:
    """Drain results into the database in batches (one transaction per batch)."""
    batch: list[tuple[str, DocumentResult]] = []
    finished = False
    while not finished:
        item = await results.get()
        deadline = time.monotonic() + _BATCH_SECONDS
        while item is not None:
            batch.append(item)
            if len(batch) >= _BATCH_PAGES:
                break
            try:
                item = await asyncio.wait_for(results.get(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                break
        finished = item is None
        if batch:
            await _store_batch(job.database, claim, batch)
            batch = []


async def _store_batch(
    database: Database, claim: repo.Claim, batch: list[tuple[str, DocumentResult]]
) -> None:
    """Store a batch in one transaction; if the database refuses it, page by page.

    A page whose rows the database still refuses alone is stored as an error entry, so one
    page never fails the analysis. A lost connection or a superseded attempt is no page's
    fault: it propagates (the job is retried, or it stops).
    """
    try:
        await repo.store_page_results(database, claim.analysis_id, claim.attempt, batch)
        return
    except Exception as error:
        if not _page_may_be_at_fault(error):
            raise
        logger.warning(
            "a batch of %d pages could not be stored (%r); storing them one by one",
            len(batch),
            error,
        )
    for document_id, result in batch:
        try:
            await repo.store_page_results(
                database, claim.analysis_id, claim.attempt, [(document_id, result)]
            )
        except Exception as error:
            if not _page_may_be_at_fault(error):
                raise
            logger.warning("page %s: results could not be stored (%r)", result.path, error)
            entry = error_result(
                result.path, f"the page's results could not be stored: {type(error).__name__}"
            )
            await repo.store_page_results(
                database, claim.analysis_id, claim.attempt, [(document_id, entry)]
            )


def _page_may_be_at_fault(error: Exception) -> bool:
    """Whether a failed write may be caused by a page's content (not the database's state)."""
    if isinstance(error, repo.StaleAttemptError | OSError):
        return False
    return not (isinstance(error, DBAPIError) and error.connection_invalidated)
